<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>RoutingDialog</name>
    <message>
        <source>Routing of paper (材料流转)</source>
        <translation>材料流转（按责转办）</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Paper to send</source>
        <translation>移交材料</translation>
    </message>
    <message>
        <source>Make and print the routing slip for this department</source>
        <translation>生成并打印该部门的材料流转单</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>接收部门</translation>
    </message>
    <message>
        <source>Slip number</source>
        <translation>流转单编号</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>办件数</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>制单时间</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>签收时间</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <source>Print the selected slip again</source>
        <translation>补打选中的流转单</translation>
    </message>
    <message>
        <source>Scan the signed slip's barcode with the barcode gun to record the department's receipt.</source>
        <translation>接收部门签字后，用扫码枪扫描流转单条码登记签收。</translation>
    </message>
    <message>
        <source>At the window (%1)</source>
        <translation>在窗口（%1）</translation>
    </message>
    <message>
        <source>In transit (%1)</source>
        <translation>在途（%1）</translation>
    </message>
    <message>
        <source>Received (%1)</source>
        <translation>已签收（%1）</translation>
    </message>
</context>
<context>
    <name>RoutingActions</name>
    <message>
        <source>Routing slip %1 printed for %2: %3 case(s) now in transit.</source>
        <translation>材料流转单 %1 已打印（%2）：%3 件材料在途。</translation>
    </message>
    <message>
        <source>Routing slip printed again (补打).</source>
        <translation>材料流转单已补打。</translation>
    </message>
    <message>
        <source>Routing slip %1: received by %2 (%3 case(s)), recorded at %4.</source>
        <translation>材料流转单 %1：%2 已签收（%3 件），登记时间 %4。</translation>
    </message>
    <message>
        <source>Routing slip %1 was already recorded as received by %2 (%3 case(s)) at %4.</source>
        <translation>材料流转单 %1 此前已登记为 %2 签收（%3 件），登记时间 %4。</translation>
    </message>
</context>
<context>
    <name>shortcuts</name>
    <message>
        <source>Routing of paper to the departments (材料流转)</source>
        <translation>材料流转（按责转办）</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>No case of {department} has paper waiting at this window.</source>
        <translation>本窗口没有待移交给{department}的办件材料。</translation>
    </message>
    <message>
        <source>No routing slip (材料流转单) has the number {number}.</source>
        <translation>没有编号为 {number} 的材料流转单。</translation>
    </message>
</context>
</TS>
