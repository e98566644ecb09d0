// Web-page debris around pasted or saved articles: not part of the plan, dropped and listed in warnings.

const RULES: Array<[RegExp, string]> = [
  [/^(?:发布时间|发布日期|发文时间|更新时间|来源|文章来源|信息来源|作者|编辑|责任编辑|审核|审校|浏览次数|浏览量|阅读量|阅读|点击数|点击|访问量|字号|分享到)\s*[：:]/, '发布信息'],
  [/^(?:©|\(c\)|（c）)|版权声明|版权所有|Copyright|All Rights Reserved/i, '版权声明'],
  [/^THE\s*END$/i, '结束标记'],
  [/^(?:喜欢就支持一下吧|觉得不错就点个赞吧|感谢阅读|欢迎关注.*|长按.*二维码.*|扫一扫.*|微信扫.*|返回顶部|返回列表|打印本页|关闭窗口|【打印本页】|【关闭窗口】|【字体：.*】|上一篇[：:].*|下一篇[：:].*|相关阅读|相关文章|猜你喜欢|推荐阅读)$/, '页面按钮'],
  [/^(?:(?:点赞|分享|收藏|评论|打赏|转发|在看)\s*\d*\s*){1,6}$/, '点赞/分享'],
  [/^(?:[—–-]+|[·•])\s*\d{1,3}\s*(?:[—–-]+|[·•])$/, '页码'],
  [/^\d{1,3}\s*[/／]\s*\d{1,3}$/, '页码'],
  [/^(?:Page|P)\s*\d{1,3}(?:\s*(?:of|\/)\s*\d{1,3})?$/i, '页码'],
  [/^第\s*\d{1,3}\s*页(?:\s*[，,/共]\s*共?\s*\d+\s*页)?$/, '页码'],
];

/** Why a line is debris, or null when it is content. Long lines are always content. */
export function debrisReason(line: string): string | null {
  const text = line.trim();
  if (text.length > 80) return null;
  for (const [re, reason] of RULES) {
    if (re.test(text)) {
      // "来源：" lines are short metadata; a 40+ character "作者：" paragraph is prose.
      if (reason === '发布信息' && text.length > 60) return null;
      return reason;
    }
  }
  return null;
}
