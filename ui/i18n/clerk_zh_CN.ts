<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>errors</name>
    <message>
        <source>Only the administrator can change the configuration and the device routing; {account} is not an administrator.</source>
        <translation>只有管理员可以修改配置和设备路由；账号 {account} 不是管理员。</translation>
    </message>
    <message>
        <source>Say why the case is voided (at least {n} characters).</source>
        <translation>请填写作废原因（至少{n}个字）。</translation>
    </message>
    <message>
        <source>“{title}” was already reprinted once: another copy needs the approval of the supervisor (值班长).</source>
        <translation>“{title}”已补打过一次：再次补打须经值班长审批。</translation>
    </message>
    <message>
        <source>{account} cannot approve this: only the supervisor (值班长) or an administrator can.</source>
        <translation>账号 {account} 无权审批：只有值班长或管理员可以审批。</translation>
    </message>
    <message>
        <source>The platform refused: this case belongs to another service centre, and this account may only send cases of its own centre (HTTP 403).</source>
        <translation>平台拒绝：此办件属于其他服务中心，本账号只能上报本中心的办件（HTTP 403）。</translation>
    </message>
    <message>
        <source>Too many failed logins: the platform accepts this account again in {seconds} seconds (HTTP 429).</source>
        <translation>登录失败次数过多：平台将在 {seconds} 秒后重新接受此账号登录（HTTP 429）。</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>refused: the case belongs to another centre ({0})</source>
        <translation>被平台拒绝：办件属于其他中心（{0}）</translation>
    </message>
    <message>
        <source>void (作废)</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>The platform refused a case of another centre (403): this account sends only its own centre's cases</source>
        <translation>平台拒绝了其他中心的办件（403）：本账号只能上报本中心的办件</translation>
    </message>
    <message>
        <source>Too many failed logins: the platform asks to wait (429)</source>
        <translation>登录失败次数过多：平台要求稍后再试（429）</translation>
    </message>
</context>
<context>
    <name>rules</name>
    <message>
        <source>Voided</source>
        <translation>已作废</translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <source>Voided (作废)</source>
        <translation>已作废</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>voided (作废)</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>approved by %1 at %2</source>
        <translation>%1 于 %2 批准</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Void (作废)…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>For a case committed in error: needs a reason and the supervisor's approval.</source>
        <translation>用于误受理的办件：须填写原因并经值班长审批。</translation>
    </message>
</context>
<context>
    <name>SupervisorApprovalDialog</name>
    <message>
        <source>Why the case is voided, e.g. the wrong item was chosen</source>
        <translation>作废原因，例如：选错了事项</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>作废原因</translation>
    </message>
    <message>
        <source>Supervisor's account</source>
        <translation>值班长账号</translation>
    </message>
    <message>
        <source>Supervisor's password</source>
        <translation>值班长密码</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>The supervisor enters their own account and password.</source>
        <translation>请值班长输入本人账号和密码。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
</context>
<context>
    <name>ApprovalActions</name>
    <message>
        <source>Void the case (作废)</source>
        <translation>作废办件</translation>
    </message>
    <message>
        <source>Voiding is for a case committed in error. It cannot be undone: the case stays on record as voided and the platform is told. The supervisor (值班长) approves with their own account and password.</source>
        <translation>作废仅用于误受理的办件，且不可撤销：办件以“已作废”状态留存，并通知省级平台。须由值班长输入本人账号和密码审批。</translation>
    </message>
    <message>
        <source>Case voided and queued for the platform.</source>
        <translation>办件已作废，已排队通知平台。</translation>
    </message>
    <message>
        <source>Reprint needs approval</source>
        <translation>补打须审批</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{0} has a case in progress that is not decided yet. Keep it for {0} (it comes back at the next login of {0}; other clerks do not see it), or discard it?</source>
        <translation>{0} 有一件尚未作出受理决定的办件。保留给 {0}（{0} 下次登录时恢复，其他人员看不到），还是放弃？</translation>
    </message>
    <message>
        <source>Keep the draft and change shift</source>
        <translation>保留草稿并交班</translation>
    </message>
    <message>
        <source>Discard the draft…</source>
        <translation>放弃草稿…</translation>
    </message>
    <message>
        <source>Discard the draft</source>
        <translation>放弃草稿</translation>
    </message>
    <message>
        <source>Discard the case in progress? What was entered and scanned for it is lost.</source>
        <translation>放弃正在办理的办件？已录入和扫描的内容将丢失。</translation>
    </message>
</context>
</TS>
