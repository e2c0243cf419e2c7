<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>FeeHoldActions</name>
    <message>
        <source>Fees before acceptance (受理前收费)%1: print the payment notice; accept once paid.</source>
        <translation>受理前收费%1：请打印缴费通知书，确认缴费后方可受理。</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>Fees before acceptance (受理前收费): %1 yuan not paid yet (payment code %2); accept once paid.</source>
        <translation>受理前收费 %1 元未缴（缴款码 %2），缴费确认后方可受理。</translation>
    </message>
    <message>
        <source>Offline: the payment cannot be learnt now. Park the draft and serve the next applicant.</source>
        <translation>离线：无法获知缴费结果，可挂起草稿。</translation>
    </message>
    <message>
        <source>Payment notice printed: %1 yuan, payment code %2.</source>
        <translation>缴费通知书已打印：%1 元，缴款码 %2。</translation>
    </message>
    <message>
        <source>Offline: the payment cannot be checked now.</source>
        <translation>离线：现在无法查询缴费结果。</translation>
    </message>
    <message>
        <source>Draft parked until paid. Resume it with 恢复待缴费草稿.</source>
        <translation>草稿已挂起待缴费。缴费后点击“恢复待缴费草稿”继续受理。</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>已缴费</translation>
    </message>
    <message>
        <source>not paid yet</source>
        <translation>未缴费</translation>
    </message>
    <message>
        <source>Resume a draft waiting for payment</source>
        <translation>恢复待缴费草稿</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <source>Print payment notice (缴费通知书)</source>
        <translation>打印缴费通知书</translation>
    </message>
    <message>
        <source>Check payment (查询缴费)</source>
        <translation>查询缴费</translation>
    </message>
    <message>
        <source>Park draft until paid (挂起)</source>
        <translation>挂起待缴费</translation>
    </message>
    <message>
        <source>Resume draft waiting for payment</source>
        <translation>恢复待缴费草稿</translation>
    </message>
    <message>
        <source>Resume draft waiting for payment (%1)</source>
        <translation>恢复待缴费草稿（%1）</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>This item charges fees before acceptance (受理前收费): {amount} yuan. Print the payment notice (缴费通知书); the application can be accepted once the platform confirms the payment.</source>
        <translation>该事项受理前收费：应缴 {amount} 元。请先打印缴费通知书；平台确认缴费后方可受理。</translation>
    </message>
</context>
</TS>
