// antd's CJS locale entry stays English under Vite's ESM interop: use the ES build, and dayjs zh-cn.
import zhCNLocale from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');

export const zhCN = zhCNLocale;
