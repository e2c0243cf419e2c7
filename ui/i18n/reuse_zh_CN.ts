<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MaterialChecklistPanel</name>
    <message>
        <source>F reuse from an earlier case</source>
        <translation>F 复用既往办件材料</translation>
    </message>
    <message>
        <source>checked by the card reader</source>
        <translation>读卡器核验</translation>
    </message>
    <message>
        <source>reused from case %1</source>
        <translation>复用自办件 %1</translation>
    </message>
    <message>
        <source>Reuse from an earlier case of the applicant	F</source>
        <translation>复用申请人既往办件的材料	F</translation>
    </message>
</context>
<context>
    <name>AcceptanceController</name>
    <message>
        <source>Read the applicant's card first: earlier cases are found by the ID number.</source>
        <translation>请先读取申请人证件：既往办件按证件号码查找。</translation>
    </message>
    <message>
        <source>No earlier case of this applicant has this material verified.</source>
        <translation>该申请人的既往办件中没有已核验的此项材料。</translation>
    </message>
</context>
</TS>
