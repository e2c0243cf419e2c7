<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SessionGate</name>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>TRAINING MODE — practice accounts only: {0}</source>
        <translation>培训模式 — 仅限练习账号：{0}</translation>
    </message>
    <message>
        <source>Log in to the workstation</source>
        <translation>登录受理工作台</translation>
    </message>
    <message>
        <source>Each clerk logs in with their own account; cases and papers carry the name of the clerk logged in.</source>
        <translation>每位窗口人员使用本人账号登录；办件和打印的文书记录当前登录人员。</translation>
    </message>
    <message>
        <source>Workstation locked</source>
        <translation>工作台已锁定</translation>
    </message>
    <message>
        <source>Locked by {0}. Enter the password to continue; another clerk logging in here takes over the window (shift change).</source>
        <translation>由 {0} 锁定。输入密码继续办理；其他人员在此登录即视为交班。</translation>
    </message>
    <message>
        <source>Enter the account and the password.</source>
        <translation>请输入账号和密码。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>The login failed ({0}).</source>
        <translation>登录失败（{0}）。</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>值班长</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source> (offline login)</source>
        <translation>（离线登录）</translation>
    </message>
    <message>
        <source>nobody logged in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Shift change (交班)</source>
        <translation>交班</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Shift change</source>
        <translation>交班</translation>
    </message>
    <message>
        <source>End the session of {0}? The next clerk logs in with their own account.</source>
        <translation>结束 {0} 的本次登录？下一位人员使用本人账号登录。</translation>
    </message>
</context>
<context>
    <name>shortcuts</name>
    <message>
        <source>Lock the workstation</source>
        <translation>锁定工作台</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>This workstation's audit history no longer matches the copy the platform kept: it was rewritten. Tell the administrator.</source>
        <translation>本工作台的审计记录与平台保存的副本不一致：记录已被改写。请告知管理员。</translation>
    </message>
    <message>
        <source>Nobody is logged in at this workstation.</source>
        <translation>本工作台当前无人登录。</translation>
    </message>
    <message>
        <source>This needs a supervisor's approval.</source>
        <translation>此操作需要值班长审批。</translation>
    </message>
</context>
</TS>
