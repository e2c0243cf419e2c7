<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>errors</name>
    <message>
        <source>This card is not the online application's applicant: the draft keeps the applicant of {number}. Start a fresh acceptance (Ctrl+N) for this person.</source>
        <translation>该证件不是网上申报的申请人：本件仍为 {number} 的申请人。如需为此人办理，请新建受理（Ctrl+N）。</translation>
    </message>
    <message>
        <source>The online application cannot be fetched: the platform is not reachable now ({reason}). Start a fresh acceptance at the window instead (Ctrl+N).</source>
        <translation>无法调取网上申报：当前连接不上平台（{reason}）。可改为窗口新建受理（Ctrl+N）。</translation>
    </message>
    <message>
        <source>No online application has the number {number}.</source>
        <translation>没有编号为 {number} 的网上申报。</translation>
    </message>
    <message>
        <source>The online application {number} was made for another service centre.</source>
        <translation>网上申报 {number} 申报的是其他政务服务中心。</translation>
    </message>
    <message>
        <source>The online application {number} was already taken at a window.</source>
        <translation>网上申报 {number} 已由窗口接件。</translation>
    </message>
    <message>
        <source>{number} is not an online application number (WS and 12 digits).</source>
        <translation>{number} 不是网上申报编号（WS 加 12 位数字）。</translation>
    </message>
    <message>
        <source>The platform's answer about the online application is unusable ({field}).</source>
        <translation>平台返回的网上申报数据不可用（{field}）。</translation>
    </message>
    <message>
        <source>The agent batch has no case yet: accept at least one villager's case.</source>
        <translation>代办批次中还没有办件：请至少受理一位村民的申请。</translation>
    </message>
    <message>
        <source>Read the village agent's ID card first: the agent is identified once, by the card, for the whole batch.</source>
        <translation>请先读取村级代办员的身份证：整个批次只需读取一次代办员证件。</translation>
    </message>
</context>
<context>
    <name>OnlineBar</name>
    <message>
        <source>Online application no. (scan the QR) — Ctrl+O</source>
        <translation>网上申报号（扫码枪扫描二维码）— Ctrl+O</translation>
    </message>
    <message>
        <source>Fetch</source>
        <translation>调取</translation>
    </message>
    <message>
        <source>Fresh acceptance at the window</source>
        <translation>改为窗口新建受理</translation>
    </message>
    <message>
        <source>Fetching the online application…</source>
        <translation>正在调取网上申报…</translation>
    </message>
    <message>
        <source>Pre-review passed (预审通过)</source>
        <translation>预审通过</translation>
    </message>
    <message>
        <source>Needs correction (需补正)</source>
        <translation>需补正</translation>
    </message>
    <message>
        <source>missing %1</source>
        <translation>缺：%1</translation>
    </message>
    <message>
        <source>Online application %1 taken: %2</source>
        <translation>已调取网上申报 %1：%2</translation>
    </message>
    <message>
        <source>%1 material(s) supplied online: check the originals, add only what is missing. Read the applicant's card to confirm the identity.</source>
        <translation>网上已提交 %1 项材料：请核验原件，只补收缺少的材料；请读取申请人身份证核验身份。</translation>
    </message>
    <message>
        <source>This applicant applied online: %1. Press Enter in the field (or Fetch) to take it.</source>
        <translation>该申请人有网上申报：%1。在输入框按回车（或点“调取”）接件。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Agent batch %1 ended: %2 case(s); the batch receipt is printing.</source>
        <translation>代办批次 %1 已结束：共 %2 件；正在打印代办批次回执。</translation>
    </message>
    <message>
        <source>Fresh acceptance: read the ID card (F2) and choose the item (F3).</source>
        <translation>窗口新建受理：请读取身份证（F2）并选择事项（F3）。</translation>
    </message>
</context>
<context>
    <name>shortcuts</name>
    <message>
        <source>Open an online application (网上申报)</source>
        <translation>调取网上申报</translation>
    </message>
</context>
<context>
    <name>MaterialChecklistPanel</name>
    <message>
        <source>from online application %1</source>
        <translation>来自网上申报 %1</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>home visit (上门办理)</source>
        <translation>上门办理</translation>
    </message>
    <message>
        <source>agent point (代办点)</source>
        <translation>代办点</translation>
    </message>
    <message>
        <source>Taken at</source>
        <translation>受理地点</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>needed correction</source>
        <translation>需补正</translation>
    </message>
    <message>
        <source>Online application</source>
        <translation>网上申报</translation>
    </message>
    <message>
        <source>pre-review</source>
        <translation>预审</translation>
    </message>
    <message>
        <source>from the online application</source>
        <translation>来自网上申报</translation>
    </message>
</context>
<context>
    <name>AgentBatchBar</name>
    <message>
        <source>Where the cases are taken: recorded with each case and sent to the platform.</source>
        <translation>受理地点：随每个办件记录并上报平台。</translation>
    </message>
    <message>
        <source>At the window</source>
        <translation>窗口受理</translation>
    </message>
    <message>
        <source>Home visit (上门办理)</source>
        <translation>上门办理</translation>
    </message>
    <message>
        <source>Agent point (代办点)</source>
        <translation>代办点受理</translation>
    </message>
    <message>
        <source>Village agent batch (代办)…</source>
        <translation>村级代办批次…</translation>
    </message>
    <message>
        <source>Read the village agent's ID card first; then each villager's case is accepted separately and joins the batch.</source>
        <translation>请先读取代办员身份证；之后每位村民单独受理一件，并归入本批次。</translation>
    </message>
    <message>
        <source>End batch, print receipt</source>
        <translation>结束批次并打印回执</translation>
    </message>
    <message>
        <source>Agent batch %1</source>
        <translation>代办批次 %1</translation>
    </message>
    <message>
        <source>Agent %1 (%2) · %3 case(s) accepted</source>
        <translation>代办员 %1（%2）· 已受理 %3 件</translation>
    </message>
</context>
</TS>
