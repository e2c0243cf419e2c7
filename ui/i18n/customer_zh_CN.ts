<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>customer</name>
    <message>
        <source>Accepted; some materials are to be supplied later</source>
        <translation>已容缺受理，部分材料请后补</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Blank form: %1</source>
        <translation>空表：%1</translation>
    </message>
    <message>
        <source>Case number: %1</source>
        <translation>办件编号：%1</translation>
    </message>
    <message>
        <source>Citizen confirmed verbally</source>
        <translation>群众已口头确认</translation>
    </message>
    <message>
        <source>Comment (optional)</source>
        <translation>意见建议（选填）</translation>
    </message>
    <message>
        <source>Completed on the spot.</source>
        <translation>已当场办结。</translation>
    </message>
    <message>
        <source>Confirmed with the clerk.</source>
        <translation>已向工作人员口头确认。</translation>
    </message>
    <message>
        <source>Confirmed. Thank you.</source>
        <translation>已确认，谢谢。</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Customer screen</source>
        <translation>群众信息屏</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Evaluation: given</source>
        <translation>评价：已评价</translation>
    </message>
    <message>
        <source>Evaluation: not given</source>
        <translation>评价：未评价</translation>
    </message>
    <message>
        <source>Evaluation: —</source>
        <translation>评价：—</translation>
    </message>
    <message>
        <source>Filled sample: %1</source>
        <translation>填写样表：%1</translation>
    </message>
    <message>
        <source>How satisfied are you with this service?</source>
        <translation>请您对本次服务进行评价</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>If something is wrong, please tell the clerk.</source>
        <translation>如信息有误，请告诉工作人员。</translation>
    </message>
    <message>
        <source>Invite evaluation</source>
        <translation>邀请评价</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>申请材料</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Needs correction</source>
        <translation>需补正</translation>
    </message>
    <message>
        <source>Not needed</source>
        <translation>无需提供</translation>
    </message>
    <message>
        <source>Now serving</source>
        <translation>正在办理</translation>
    </message>
    <message>
        <source>Please bring the following materials</source>
        <translation>请您补齐以下材料</translation>
    </message>
    <message>
        <source>Please check your information</source>
        <translation>请核对您的信息</translation>
    </message>
    <message>
        <source>Promised completion date: %1</source>
        <translation>承诺办结日期：%1</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收取</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交评价</translation>
    </message>
    <message>
        <source>Thank you. Goodbye!</source>
        <translation>谢谢您，请慢走！</translation>
    </message>
    <message>
        <source>The clerk gives you a written decision with the reasons and your rights.</source>
        <translation>工作人员将交给您书面决定，写明理由和您的权利。</translation>
    </message>
    <message>
        <source>This case has already been evaluated.</source>
        <translation>本办件已经评价过了。</translation>
    </message>
    <message>
        <source>To check</source>
        <translation>待核验</translation>
    </message>
    <message>
        <source>To supply later (容缺)</source>
        <translation>容缺后补</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效期限</translation>
    </message>
    <message>
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <source>Welcome. Please wait to be called.</source>
        <translation>欢迎您，请等候叫号。</translation>
    </message>
    <message>
        <source>What to bring</source>
        <translation>需要带来的材料</translation>
    </message>
    <message>
        <source>What was not good? (optional)</source>
        <translation>请选择不满意的方面（可不选）</translation>
    </message>
    <message>
        <source>Window %1</source>
        <translation>%1号窗口</translation>
    </message>
    <message>
        <source>Yes, this is correct</source>
        <translation>信息正确，确认</translation>
    </message>
    <message>
        <source>You also receive this list on paper.</source>
        <translation>这份清单也会打印给您。</translation>
    </message>
    <message>
        <source>Your application</source>
        <translation>您的申请</translation>
    </message>
    <message>
        <source>Your application cannot be accepted here</source>
        <translation>您的申请不予受理</translation>
    </message>
    <message>
        <source>Your application has been accepted</source>
        <translation>您的申请已受理</translation>
    </message>
    <message>
        <source>Your evaluation is voluntary and anonymous to the clerk.</source>
        <translation>评价自愿，工作人员看不到您的评价内容。</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>请于%1前补交</translation>
    </message>
</context>
</TS>
