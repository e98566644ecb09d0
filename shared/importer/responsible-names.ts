// Family 7 of issue 13: a responsibility read from an ordinary sentence ("明确由专人负责") must name
// an organisation or a person — a department by its suffix (办公室, 组织部, 机关党委, 各党支部 …), a
// position (分管副局长), a name the user's 人员与部门名录 knows, or a plain personal name — never a
// pronoun-like word (专人, 有关人员, 大家). 各部门 alone is fine: it names who is responsible.

const NOT_A_NAME = /^(?:专人|专门人员|专班|专职人员|有关人员|相关人员|工作人员|人员|个人|本人|自己|自身|其|他|她|他们|大家|各方|各自|我们|我|我局|我委|我部|我单位|本单位|本部门|上级|下级|领导|群众|干部|党员|同志|对方|双方|有关方面|相关方面|多方|全员|专家|第三方|责任人|主体)$/;
const ORG_SUFFIX =
  /(?:办公室|办|部|局|厅|委|委员会|室|科|处|股|所|站|队|院|中心|组|小组|支部|总支|党委|党组|党工委|纪委|工委|政府|街道|乡|镇|村|社区|公司|集团|学校|医院|协会|学会|单位|部门|机关|系统|班子|法院|检察院|银行|馆|台|团|会|庭|区|县|市|省)$/;
const POSITION =
  /(?:书记|主任|秘书长|部长|局长|处长|科长|股长|组长|领导|委员|同志|县长|市长|区长|镇长|乡长|厅长|主席|院长|校长|行长|经理|成员|干事|专员|调研员|负责人|联络员|管理员)$/;
const PERSONAL_NAME = /^[\u4e00-\u9fa5]{1,2}(?:某某?|××?|XX?|\*\*?|[\u4e00-\u9fa5]{1,2})$/;
const COMMON_SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';

/** Whether a value read from a sentence names a responsible organisation or person. */
export function isResponsibleName(value: string, knownNames: readonly string[] = []): boolean {
  const v = value.trim().replace(/^(?:由|请)/, '');
  if (v === '' || NOT_A_NAME.test(v)) return false;
  const parts = v.split(/[、，,和及与]/).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) return false;
  return parts.every((p) => {
    if (NOT_A_NAME.test(p)) return false;
    if (knownNames.some((n) => n !== '' && (p === n || p.endsWith(n)))) return true;
    if (/^各/.test(p) && p.length >= 3) return true;
    if (ORG_SUFFIX.test(p) || POSITION.test(p)) return true;
    return PERSONAL_NAME.test(p) && COMMON_SURNAMES.includes(p.charAt(0));
  });
}
