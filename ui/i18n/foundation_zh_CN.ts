<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CrashHandler</name>
    <message>
        <location filename="../crash.py" line="73" />
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../crash.py" line="74" />
        <source>An unexpected error occurred ({0}). Work already saved is safe.
A report for the IT staff was saved to:
{1}</source>
        <translation>发生意外错误（{0}）。已保存的工作不会丢失。
已为信息技术人员保存报告：
{1}</translation>
    </message>
    <message>
        <location filename="../crash.py" line="86" />
        <source>Previous session ended abnormally</source>
        <translation>上次运行异常结束</translation>
    </message>
    <message>
        <location filename="../crash.py" line="87" />
        <source>The workstation stopped unexpectedly last time. A report was saved to:
{0}</source>
        <translation>工作台上次意外停止运行。报告已保存到：
{0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="49" />
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="50" />
        <source>Service item and guide</source>
        <translation>服务事项与办事指南</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="51" />
        <source>Materials</source>
        <translation>申请材料</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="52" />
        <source>Decision</source>
        <translation>受理决定</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="53" />
        <source>Today's cases</source>
        <translation>今日办件</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="56" />
        <source>Place the ID card on the reader, or press F2.</source>
        <translation>请将身份证放在读卡器上，或按 F2 读卡。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="57" />
        <source>Press F3 and type a name, a code or pinyin initials.</source>
        <translation>按 F3，输入事项名称、编码或拼音首字母。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="58" />
        <source>The material checklist of the chosen item appears here.</source>
        <translation>所选事项的材料清单显示在这里。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="59" />
        <source>Accept, accept with deficiencies, one-time notice or reject.</source>
        <translation>受理、容缺受理、一次性告知或不予受理。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="60" />
        <source>Cases accepted at this window today, with deadline warnings.</source>
        <translation>本窗口今日受理的办件及时限预警。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="93" />
        <source>OneWindow Clerk Workstation</source>
        <translation>一窗受理工作台</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="94" />
        <source>Training mode</source>
        <translation>培训模式</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="109" />
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="111" />
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="111" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <location filename="../errors.py" line="19" />
        <source>OneWindow</source>
        <translation>一窗受理</translation>
    </message>
</context>
<context>
    <name>WorkstationStatusBar</name>
    <message>
        <location filename="../status_bar.py" line="25" />
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="29" />
        <source>Centre: {0} | Window: {1} | Clerk: {2}</source>
        <translation>中心：{0} | 窗口：{1} | 工作人员：{2}</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="32" />
        <source>TRAINING MODE — not real cases</source>
        <translation>培训模式 — 非真实办件</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="37" />
        <source>Network: {0}</source>
        <translation>网络：{0}</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="41" />
        <source>Sync queue: {0}</source>
        <translation>待上传：{0}</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="43" />
        <source> (oldest {0})</source>
        <translation>（最早 {0}）</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../app.py" line="82" />
        <source>OneWindow cannot start</source>
        <translation>一窗受理工作台无法启动</translation>
    </message>
    <message>
        <location filename="../app.py" line="168" />
        <source>Another OneWindow window is already using this data folder. Close it first, or ask IT staff.</source>
        <translation>另一个一窗受理工作台窗口正在使用此数据文件夹。请先关闭那个窗口，或联系信息技术人员。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../clerk_app/errors.py" line="24" />
        <source>The operation could not be completed.</source>
        <translation>操作未能完成。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/errors.py" line="46" />
        <source>The entered data is not valid.</source>
        <translation>输入的数据无效。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/errors.py" line="52" />
        <source>The local database could not be used.</source>
        <translation>无法使用本地数据库。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/errors.py" line="56" />
        <source>The disk is full. Free some space; nothing already saved was lost.</source>
        <translation>磁盘已满，请清理空间；已保存的数据没有丢失。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/errors.py" line="60" />
        <source>The local database is busy in another program. Try again in a moment.</source>
        <translation>本地数据库正被其他程序占用，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/errors.py" line="64" />
        <source>The local database file is damaged. Call the hall's IT staff; do not delete the data folder.</source>
        <translation>本地数据库文件已损坏。请联系大厅信息技术人员，不要删除数据文件夹。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/errors.py" line="70" />
        <source>The encryption key could not be read from the system key store: {reason}</source>
        <translation>无法从系统密钥库读取加密密钥：{reason}</translation>
    </message>
    <message>
        <location filename="../../clerk_app/errors.py" line="76" />
        <source>The device reported an error.</source>
        <translation>设备报告错误。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/errors.py" line="80" />
        <source>The device is not connected or not switched on.</source>
        <translation>设备未连接或未开机。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/errors.py" line="84" />
        <source>The device is busy. Wait for the current operation to finish.</source>
        <translation>设备正忙，请等待当前操作完成。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/errors.py" line="88" />
        <source>The network is not reachable. Work continues offline.</source>
        <translation>网络不可用，工作将以离线方式继续。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/errors.py" line="92" />
        <source>The platform refused the request: {reason}</source>
        <translation>政务服务平台拒绝了请求：{reason}</translation>
    </message>
    <message>
        <location filename="../../clerk_app/errors.py" line="96" />
        <source>The platform login has expired. Log in again to resume syncing.</source>
        <translation>平台登录已过期，请重新登录以恢复同步。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/errors.py" line="100" />
        <source>The service catalog data is not valid.</source>
        <translation>服务事项目录数据无效。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/errors.py" line="104" />
        <source>The document could not be printed: {reason}</source>
        <translation>文书无法打印：{reason}</translation>
    </message>
    <message>
        <location filename="../../clerk_app/config.py" line="108" />
        <source>Unknown configuration option {key}.</source>
        <translation>未知的配置项 {key}。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/config.py" line="113" />
        <source>Configuration option {key} must be of type {type}.</source>
        <translation>配置项 {key} 的类型必须是 {type}。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/config.py" line="136" />
        <source>The configuration file {path} is not valid TOML: {reason}</source>
        <translation>配置文件 {path} 不是有效的 TOML：{reason}</translation>
    </message>
</context>
<context>
    <name>shortcuts</name>
    <message>
        <location filename="../shortcuts.py" line="25" />
        <source>Start a new acceptance</source>
        <translation>开始新的受理</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="26" />
        <source>Read the ID card now</source>
        <translation>立即读取身份证</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="27" />
        <source>Search service items</source>
        <translation>搜索服务事项</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="28" />
        <source>Jump to the item search box</source>
        <translation>跳转到事项搜索框</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="29" />
        <source>Go to the material checklist</source>
        <translation>转到材料清单</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="30" />
        <source>Scan a page for the current material</source>
        <translation>为当前材料扫描一页</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="31" />
        <source>Go to the decision</source>
        <translation>转到受理决定</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="32" />
        <source>Accept the case (受理)</source>
        <translation>受理办件</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="33" />
        <source>Print the document for the case</source>
        <translation>打印办件文书</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="34" />
        <source>Show today's cases</source>
        <translation>显示今日办件</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="35" />
        <source>Open a case by its number</source>
        <translation>按办件编号打开办件</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="36" />
        <source>Sync with the platform now</source>
        <translation>立即与平台同步</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="37" />
        <source>Show the keyboard shortcuts</source>
        <translation>显示快捷键</translation>
    </message>
    <message>
        <location filename="../shortcuts.py" line="38" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
</TS>