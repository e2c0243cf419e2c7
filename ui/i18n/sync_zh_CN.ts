<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PlatformLoginDialog</name>
    <message>
        <location filename="../sync_login.py" line="23"/>
        <source>Log in to the platform</source>
        <translation>登录政务服务平台</translation>
    </message>
    <message>
        <location filename="../sync_login.py" line="29"/>
        <source>Local work continues while you are not logged in.</source>
        <translation>未登录时仍可继续本地办理。</translation>
    </message>
    <message>
        <location filename="../sync_login.py" line="32"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../sync_login.py" line="33"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../sync_login.py" line="46"/>
        <source>Enter the account and the password.</source>
        <translation>请输入账号和密码。</translation>
    </message>
    <message>
        <location filename="../sync_login.py" line="49"/>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <location filename="../sync_login.py" line="55"/>
        <source>Logged in online.</source>
        <translation>已联网登录。</translation>
    </message>
    <message>
        <location filename="../sync_login.py" line="56"/>
        <source>The platform cannot be reached: logged in offline; syncing resumes later.</source>
        <translation>无法连接政务服务平台：已离线登录，联网后自动继续同步。</translation>
    </message>
    <message>
        <location filename="../sync_login.py" line="67"/>
        <source>The login failed ({0}).</source>
        <translation>登录失败（{0}）。</translation>
    </message>
</context>
<context>
    <name>SyncQueueDialog</name>
    <message>
        <location filename="../sync_queue.py" line="1"/>
        <source>Exporting the queue…</source>
        <translation>正在导出待上报队列…</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="77"/>
        <source>Items waiting for the platform</source>
        <translation>待上报平台的事项</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="79"/>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="82"/>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="82"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="82"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="82"/>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="82"/>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="83"/>
        <source>Queued at</source>
        <translation>排队时间</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="90"/>
        <source>Export to a folder or USB stick…</source>
        <translation>导出到文件夹或U盘…</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="103"/>
        <source>Export the queue to</source>
        <translation>将上报队列导出到</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="106"/>
        <location filename="../sync_queue.py" line="111"/>
        <source>Export passphrase</source>
        <translation>导出口令</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="107"/>
        <source>Passphrase (at least 8 characters; tell it to the platform staff separately):</source>
        <translation>口令（至少8个字符，请另行告知平台工作人员）：</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="111"/>
        <source>The passphrase again:</source>
        <translation>再次输入口令：</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="116"/>
        <source>The two passphrases differ; nothing was exported.</source>
        <translation>两次输入的口令不一致，未导出。</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="124"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="130"/>
        <source>Exported {0} item(s) and {1} scan(s) to {2}. They stay in the queue until the platform confirms them.</source>
        <translation>已导出 {0} 件事项、{1} 份扫描件到 {2}。平台确认接收前，它们仍保留在上报队列中。</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="137"/>
        <source>The export failed: {0}</source>
        <translation>导出失败：{0}</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="148"/>
        <source>{0} item(s) waiting, {1} need attention. Local work is not affected.</source>
        <translation>共 {0} 件待上报，其中 {1} 件需要处理。本地办理不受影响。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../clerk_app/sync/errors.py" line="15"/>
        <source>The platform cannot be reached ({reason}). Work continues offline.</source>
        <translation>无法连接政务服务平台（{reason}），可继续离线办理。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/sync/errors.py" line="22"/>
        <source>The platform is overloaded or failing (HTTP {status}); retrying later.</source>
        <translation>政务服务平台繁忙或故障（HTTP {status}），稍后自动重试。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/sync/errors.py" line="33"/>
        <source>The platform refused the data (HTTP {status}, {code}).</source>
        <translation>政务服务平台拒收数据（HTTP {status}，{code}）。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/sync/errors.py" line="43"/>
        <source>The platform already holds this case with different content; it needs the clerk&apos;s attention.</source>
        <translation>平台上已有该办件且内容不同，需要窗口人员处理。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/sync/errors.py" line="52"/>
        <source>The platform did not accept the login token.</source>
        <translation>政务服务平台不接受当前登录凭证。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/sync/errors.py" line="64"/>
        <source>The account or password is wrong.</source>
        <translation>账号或密码错误。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/sync/errors.py" line="68"/>
        <source>The platform cannot be reached and this account has never logged in online on this workstation.</source>
        <translation>无法连接政务服务平台，且该账号从未在本工作台联网登录过，无法离线登录。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/sync/errors.py" line="74"/>
        <source>Too many wrong passwords while offline. Try again in {minutes} minutes, or log in online.</source>
        <translation>离线状态下密码错误次数过多。请 {minutes} 分钟后再试，或联网登录。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/sync/errors.py" line="80"/>
        <source>The platform address must use https (plain http is allowed only for the local sandbox).</source>
        <translation>平台地址必须使用 https（仅本机培训沙箱可使用 http）。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/sync/errors.py" line="86"/>
        <source>An export needs a passphrase of at least 8 characters.</source>
        <translation>导出需要至少 8 个字符的口令。</translation>
    </message>
    <message>
        <location filename="../../offline_cache/sync_store.py" line="31"/>
        <source>This case is queued for the platform and can no longer be changed; record a correction instead.</source>
        <translation>该办件已排队上报平台，不能再修改；请另行登记更正。</translation>
    </message>
    <message>
        <location filename="../../offline_cache/sync_store.py" line="37"/>
        <source>This item is being sent right now; try again in a moment.</source>
        <translation>该事项正在上传，请稍后再试。</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <location filename="../sync_wiring.py" line="29"/>
        <source>Network down: the platform cannot be reached</source>
        <translation>网络中断：无法连接政务服务平台</translation>
    </message>
    <message>
        <location filename="../sync_wiring.py" line="31"/>
        <source>The platform refused or failed ({0})</source>
        <translation>平台拒收或服务故障（{0}）</translation>
    </message>
    <message>
        <location filename="../sync_wiring.py" line="33"/>
        <source>Login expired: log in again to resume syncing</source>
        <translation>登录已过期：请重新登录以继续同步</translation>
    </message>
    <message>
        <location filename="../sync_wiring.py" line="34"/>
        <source>Sync error ({0}); see the log</source>
        <translation>同步出错（{0}），请查看日志</translation>
    </message>
    <message>
        <location filename="../sync_wiring.py" line="49"/>
        <source>Log in to the platform</source>
        <translation>登录政务服务平台</translation>
    </message>
    <message>
        <location filename="../sync_wiring.py" line="56"/>
        <source>Queue…</source>
        <translation>上报队列…</translation>
    </message>
    <message>
        <location filename="../sync_wiring.py" line="77"/>
        <source>not configured</source>
        <translation>未配置</translation>
    </message>
    <message>
        <location filename="../sync_wiring.py" line="79"/>
        <source>connecting…</source>
        <translation>连接中…</translation>
    </message>
    <message>
        <location filename="../sync_wiring.py" line="81"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../sync_wiring.py" line="83"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../sync_wiring.py" line="86"/>
        <source>{0} item(s) need attention</source>
        <translation>{0} 件需要处理</translation>
    </message>
    <message>
        <location filename="../sync_wiring.py" line="119"/>
        <source>syncing…</source>
        <translation>同步中…</translation>
    </message>
    <message>
        <location filename="../sync_wiring.py" line="138"/>
        <source>sync unavailable</source>
        <translation>同步不可用</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="34"/>
        <source>waiting</source>
        <translation>等待上报</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="35"/>
        <source>sending</source>
        <translation>上报中</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="36"/>
        <source>will retry</source>
        <translation>稍后重试</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="37"/>
        <source>conflict: needs attention</source>
        <translation>内容冲突：需要处理</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="44"/>
        <source>case</source>
        <translation>办件</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="45"/>
        <source>handover</source>
        <translation>结果领取</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="46"/>
        <source>evaluation</source>
        <translation>好差评</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="56"/>
        <source>network down</source>
        <translation>网络中断</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="58"/>
        <source>the platform holds different content</source>
        <translation>平台上的内容不同</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="60"/>
        <source>a scan is missing on this workstation</source>
        <translation>本机缺少扫描件</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="62"/>
        <source>platform busy or failing ({0})</source>
        <translation>平台繁忙或故障（{0}）</translation>
    </message>
    <message>
        <location filename="../sync_queue.py" line="63"/>
        <source>refused by the platform ({0})</source>
        <translation>平台拒收（{0}）</translation>
    </message>
</context>
</TS>
