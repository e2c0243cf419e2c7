<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>queue</name>
    <message>
        <source>Call next (F9)</source>
        <translation>叫下一位 (F9)</translation>
    </message>
    <message>
        <source>Enter the code of another window.</source>
        <translation>请输入另一个窗口的编号。</translation>
    </message>
    <message>
        <source>Next: {0}</source>
        <translation>下一位：{0}</translation>
    </message>
    <message>
        <source>Nobody is waiting for this window.</source>
        <translation>本窗口暂无等候的群众。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停服务</translation>
    </message>
    <message>
        <source>Queue: connecting…</source>
        <translation>叫号：连接中…</translation>
    </message>
    <message>
        <source>Queue: manual mode (no queue system)</source>
        <translation>叫号：手动模式（未接入叫号系统）</translation>
    </message>
    <message>
        <source>Queue: manual mode (queue system unreachable)</source>
        <translation>叫号：手动模式（叫号系统无法连接）</translation>
    </message>
    <message>
        <source>Queue: online</source>
        <translation>叫号：在线</translation>
    </message>
    <message>
        <source>Queue: window paused</source>
        <translation>叫号：窗口暂停服务</translation>
    </message>
    <message>
        <source>Recall (F10)</source>
        <translation>重呼 (F10)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复服务</translation>
    </message>
    <message>
        <source>Serving</source>
        <translation>当前办理</translation>
    </message>
    <message>
        <source>Skip (F11)</source>
        <translation>过号 (F11)</translation>
    </message>
    <message>
        <source>To the queue of</source>
        <translation>转到业务队列</translation>
    </message>
    <message>
        <source>To window</source>
        <translation>转到窗口</translation>
    </message>
    <message>
        <source>Transfer the ticket</source>
        <translation>转移号票</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>转移…</translation>
    </message>
    <message>
        <source>Waiting: {0}</source>
        <translation>等候：{0} 人</translation>
    </message>
    <message>
        <source>Waiting: —</source>
        <translation>等候：—</translation>
    </message>
    <message>
        <source>nobody called</source>
        <translation>尚未叫号</translation>
    </message>
    <message>
        <source>waited {0} min</source>
        <translation>已等候 {0} 分钟</translation>
    </message>
    <message>
        <source>window code, e.g. 02</source>
        <translation>窗口编号，如 02</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>叫号</translation>
    </message>
</context>
<context>
    <name>shortcuts</name>
    <message>
        <source>Call the next ticket (叫号)</source>
        <translation>叫下一位（叫号）</translation>
    </message>
    <message>
        <source>Recall the current ticket (重呼)</source>
        <translation>重呼当前号</translation>
    </message>
    <message>
        <source>The called citizen did not come (过号)</source>
        <translation>叫号未到（过号）</translation>
    </message>
    <message>
        <source>Transfer the current ticket</source>
        <translation>转移当前号票</translation>
    </message>
    <message>
        <source>Pause or resume the window</source>
        <translation>暂停或恢复窗口服务</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>The queue system cannot be reached ({reason}); the window works without it.</source>
        <translation>无法连接叫号系统（{reason}），窗口继续以手动模式办理。</translation>
    </message>
    <message>
        <source>The queue system refused: {reason}</source>
        <translation>叫号系统拒绝了操作：{reason}</translation>
    </message>
</context>
</TS>
