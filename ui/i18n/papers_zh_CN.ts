<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RejectionForm</name>
    <message>
        <source>Not this organ's competence (tell where to apply)</source>
        <translation>不属于本机关职权范围（告知向哪个机关申请）</translation>
    </message>
    <message>
        <source>Not needed by law</source>
        <translation>依法不需要申请办理</translation>
    </message>
    <message>
        <source>Acceptance conditions not met</source>
        <translation>不符合受理条件</translation>
    </message>
    <message>
        <source>Other reason (name the legal basis)</source>
        <translation>其他理由（须填写法律依据）</translation>
    </message>
    <message>
        <source>From the item type and its legal basis</source>
        <translation>按事项类型和设定依据自动确定</translation>
    </message>
    <message>
        <source>Reason type</source>
        <translation>不予受理类型</translation>
    </message>
</context>
<context>
    <name>AcceptanceController</name>
    <message>
        <source>Training mode: no print service, so the papers were saved as PDF files in %1</source>
        <translation>培训模式：未找到系统打印服务，文书已在预览中打开，并保存为 PDF 文件，位置：%1</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>“{material}” cannot be {state} and at the same time have its original checked or copies received. Mark it received instead, or clear the original and the copies first.</source>
        <translation>“{material}”不能既标记为{state}，又记录已核验原件或已收复印件。请改为“已收取”，或先取消原件核验和复印件。</translation>
    </message>
    <message>
        <source>A rejection needs its reason type and reason; where to apply instead when the application is outside this organ's competence; the legal basis when the reason is another one.</source>
        <translation>不予受理须选择类型并填写理由；不属于本机关职权范围的，须告知向哪个机关申请；其他理由的，须填写法律依据。</translation>
    </message>
    <message>
        <source>Practice cases are made only in training mode (no configuration file).</source>
        <translation>练习办件只能在培训模式（没有配置文件）下生成。</translation>
    </message>
    <message>
        <source>deferred (容缺)</source>
        <translation>容缺后补</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
</context>
</TS>
