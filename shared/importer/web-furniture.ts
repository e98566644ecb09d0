// Family 1 of issue 13: the furniture of a government web page copied with the document — breadcrumbs,
// font-size and accessibility switches, print/close/share buttons, the 信息公开 metadata block (as lines,
// as a Word/HTML table or as a markdown `|---|` table) and 发布时间/来源/访问量 lines. Left in, they
// become the title, the 主送机关 or top-level sections and push the real 一、 sections down. Each is
// recognised by its own shape (never by position alone) and dropped with its reason, so the preview
// lists it and the user can bring it back.

/** Metadata labels of the 政府信息公开 block; any one of them starting a short line marks it. */
const META_KEYS = [
  '信息索引号', '索引号', '发布机构', '发文机构', '生成日期', '公开方式', '主题分类', '公开范围', '公开时限', '体裁分类', '组配分类',
  '服务对象分类', '公开属性', '所属机构', '信息分类', '内容分类', '有效性', '效力状况', '公开形式', '公开类别', '文件编号',
];
/** Labels that are metadata only beside another metadata label (a plan may well say 成文日期 or 文号). */
const META_WEAK_KEYS = ['发文机关', '成文日期', '发布日期', '发文字号', '文号', '名称', '标题', '关键词', '主题词', '实施日期', '废止日期', '有效期'];

const META_KEY = new RegExp(`(?:^|[\\s|｜])(?:${META_KEYS.join('|')})\\s*[：:]`);
const ANY_META_KEY = new RegExp(`(?:${[...META_KEYS, ...META_WEAK_KEYS].join('|')})\\s*[：:]?`, 'g');
const META_CELL = new RegExp(`^(?:${[...META_KEYS, ...META_WEAK_KEYS].join('|')})\\s*[：:]?$`);

const BREADCRUMB_HEAD = /^(?:当前位置|您的位置|你的位置|您现在的位置|您当前的位置|现在的位置|所在位置|位置)\s*[：:]/;
/** Breadcrumb separators; → alone also joins the steps of a procedure (申请→审核→审批), so it needs 首页. */
const CRUMB_SEP = /\s*(?:>>|»|＞＞|->|—>|=>|>|＞)\s*/;
const FONT_SIZE = /^[【[]?\s*(?:字体大小|字体|字号|文字大小)?\s*[：:]?\s*[【[]?\s*大\s*[】\]]?\s*[【[]?\s*中\s*[】\]]?\s*[【[]?\s*小\s*[】\]]?\s*(?:默认)?\s*$/;
const ACCESS_TOKENS = ['关怀版', '长者版', '老年版', '无障碍', '无障碍浏览', '适老化', '读屏专用', '长辈模式', '简体', '繁體', '繁体', 'English', '手机版', '移动版', '网站导航', '网站地图', '登录', '注册', '搜索'];
const BUTTON_TOKENS = [
  '打印', '打印本页', '打印此页', '打印文章', '关闭', '关闭窗口', '关闭本页', '朗读', '语音朗读', '听全文', '停止', '暂停', '分享', '分享到', '收藏', '纠错', '我要纠错',
  '返回', '返回顶部', '顶部', '微信', '微博', 'QQ', 'QQ空间', '二维码', '扫一扫', '下载', '保存', '字号', '大', '中', '小', '默认',
];
const TOKEN_SPLIT = /[\s|｜/、·•【】[\]（）()：:]+/;
const PUBLISH_LINE = /^(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*)?(?:发布时间|发布日期|时间|日期|来源|信息来源|作者|发布者|浏览次数|浏览量|访问量|访问次数|阅读次数|点击量|点击率)\s*[：:]/;
const PUBLISH_MARKS = /(?:来源|访问量|浏览次数|浏览量|点击量|阅读量|访问次数|发布时间|发布者)\s*[：:]/g;
const SITE_FOOTER = /^(?:主办单位|承办单位|主办|承办|技术支持|运行维护|网站标识码|联系我们|网站声明)\s*[：:]|ICP备|公网安备|网站标识码|政府网站找错|建议使用.{0,20}浏览器|分辨率/;
const SCAN_PAGE = /^(?:扫一扫.*(?:手机|打开|分享)|用手机扫描|在手机上打开|手机扫码|打开微信.*扫)/;
const TABLE_RULE = /^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$/;

function onlyTokens(text: string, tokens: readonly string[]): boolean {
  const parts = text.split(TOKEN_SPLIT).filter((p) => p !== '');
  return parts.length > 0 && parts.every((p) => tokens.includes(p));
}

/** Cells of a markdown-style row `| a | b |`; null for any other line. */
function markdownCells(text: string): string[] | null {
  if (!/^\|.*\|$/.test(text)) return null;
  return text.slice(1, -1).split('|').map((c) => c.trim());
}

const BULLET = '[•·●○■□◆◇▪\\-*]';
const LABEL_ONLY = new RegExp(`^(?:${BULLET}\\s*)?(?:${[...META_KEYS, ...META_WEAK_KEYS].join('|')})\\s*[：:]?$`);

/**
 * A metadata label standing alone ("• 信息索引号：", its value on the next line). Weak labels (名称,
 * 文号 …) count only with a bullet or when a metadata block is already open.
 */
export function isMetadataLabelOnly(text: string, inBlock: boolean): boolean {
  const t = text.trim();
  if (!LABEL_ONLY.test(t)) return false;
  const bare = t.replace(new RegExp(`^${BULLET}\\s*`), '').replace(/[：:]$/, '').trim();
  return META_KEYS.includes(bare) || inBlock || t !== bare;
}

/** The value under a lone metadata label: short, no sentence in it. */
export function isMetadataValue(text: string): boolean {
  const t = text.trim();
  return t.length <= 40 && !/[。；！？]/.test(t);
}

/** Whether a row of cells (Word/HTML/markdown table) is the 信息公开 metadata table. */
export function isMetadataRow(cells: readonly string[]): boolean {
  if (cells.length > 8) return false;
  return cells.some((c) => META_CELL.test(c.trim()) && META_KEYS.some((k) => c.startsWith(k))) || cells.filter((c) => META_CELL.test(c.trim())).length >= 2;
}

/**
 * Why a line is web-page furniture ('' reasons never occur), or null when it is content. Short lines only:
 * a long line is prose even when it mentions 来源 or 打印.
 */
export function webFurnitureReason(text: string, cells?: readonly string[]): string | null {
  if (cells && cells.filter((c) => c !== '').length >= 2) return isMetadataRow(cells) ? '信息公开目录表格' : null;
  const t = text.trim();
  if (t.length > 120) return null;
  if (TABLE_RULE.test(t)) return '表格分隔线';
  const md = markdownCells(t);
  if (md) return isMetadataRow(md) ? '信息公开目录表格' : null;
  if (BREADCRUMB_HEAD.test(t)) return '当前位置导航';
  const crumbs = t.split(CRUMB_SEP);
  if (crumbs.length >= 3 && crumbs.every((c) => c.length <= 16 && !/[。；;，,]/.test(c)) && (crumbs[0] === '' || crumbs[0] === '首页' || crumbs.length >= 3)) return '当前位置导航';
  if (/^(?:网站)?首页\s*(?:>|＞|»|->|→)/.test(t)) return '当前位置导航';
  if (t.length <= 40 && FONT_SIZE.test(t)) return '字号切换';
  if (t.length <= 60 && onlyTokens(t, ACCESS_TOKENS)) return '关怀版/无障碍切换';
  if (t.length <= 60 && onlyTokens(t, [...BUTTON_TOKENS, ...ACCESS_TOKENS]) && !onlyTokens(t, ['大', '中', '小'])) return '打印/关闭/分享按钮';
  if (t.length <= 80 && (META_KEY.test(t) || (t.match(ANY_META_KEY) ?? []).length >= 2) && /^(?:\S{0,6}\s*)?[信索发生公主体组服所内有文名标关实废]/.test(t) && !/[。；]$/.test(t)) {
    if ((t.match(ANY_META_KEY) ?? []).length >= 2 || META_KEYS.some((k) => t.startsWith(k))) return '信息公开目录';
  }
  if (t.length <= 100 && PUBLISH_LINE.test(t) && (t.match(PUBLISH_MARKS) ?? []).length + (/^(?:来源|信息来源|作者)/.test(t) ? 1 : 0) >= 1 && !/[。]$/.test(t)) return '发布信息';
  if (t.length <= 80 && SITE_FOOTER.test(t)) return '网站页脚';
  if (t.length <= 40 && SCAN_PAGE.test(t)) return '扫码阅读';
  return null;
}

/** "关于…的通知_政策文件_XX市人民政府" or "…-XX市人民政府网": the browser's page title, not the document's. */
export function pageTitleOf(text: string): string | null {
  const m = /^(.{6,80}?)\s*(?:[_｜|]|\s-\s|—)\s*[^_｜|]{2,30}(?:[_｜|][^_｜|]{2,30})*$/.exec(text);
  if (!m) return null;
  const tail = text.slice(m[1]!.length);
  return /(?:政府|网|门户|人民|委员会|党委|局|厅|部|办|中心|栏目|文件|公开|要闻|动态|通知|公告)\s*$/.test(tail) ? m[1]!.trim() : null;
}
