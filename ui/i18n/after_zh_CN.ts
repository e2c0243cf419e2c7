<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>errors</name>
    <message>
        <location filename="../../clerk_app/acceptance/collector_check.py" line="38" />
        <source>The collector is neither the applicant nor the agent recorded at acceptance: scan or import the applicant's signed power of attorney into this case before handing the result over.</source>
        <translation>领取人既不是申请人本人，也不是受理时登记的代理人：须先将申请人签署的《授权委托书》扫描或导入本办件，方可出件。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/collector_check.py" line="44" />
        <source>A collector's identity typed by hand needs the reason (for example: the card reader is broken).</source>
        <translation>手工录入领取人身份时必须填写原因（例如：读卡器故障）。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/handover.py" line="1" />
        <source>{name} is not a JPEG, PNG or PDF file: import the power of attorney as a scan or a PDF.</source>
        <translation>{name} 不是 JPEG、PNG 或 PDF 文件：请以扫描件或 PDF 导入授权委托书。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/correction.py" line="1" />
        <source>The back office has asked for no correction (补正) of this case.</source>
        <translation>审批部门未要求本办件补正。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/correction.py" line="1" />
        <source>The correction notice asked for {missing}: receive every requested material before submitting.</source>
        <translation>补正告知书要求补正：{missing}。请收齐全部要求补正的材料后再提交。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/correction.py" line="1" />
        <source>A received material is not one the back office asked for.</source>
        <translation>所收材料不在审批部门要求补正的材料之列。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/fees.py" line="1" />
        <source>The items of this case charge no fees with a stated amount.</source>
        <translation>本办件的事项不收费（或目录未载明收费金额）。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/fees.py" line="1" />
        <source>Fees due before the result is collected (办结前收费) are not paid yet: {amount} yuan (payment code {code}). Hand the result over once the platform confirms the payment.</source>
        <translation>办结前收费：应缴费用 {amount} 元尚未缴纳（缴款码 {code}）。平台确认缴费后方可出件。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/fees.py" line="1" />
        <source>This item charges fees before the result is collected (办结前收费): print the payment notice (缴费通知书) first; the result can be handed over once the payment is confirmed.</source>
        <translation>本事项为办结前收费：请先打印缴费通知书，缴费确认后方可出件。</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>Import power of attorney (授权委托书)…</source>
        <translation>导入授权委托书…</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>Needed when the collector is neither the applicant nor the agent recorded at acceptance.</source>
        <translation>领取人既不是申请人本人、也不是受理时登记的代理人时需要。</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>power of attorney imported</source>
        <translation>已导入授权委托书</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>Print the 补正告知书</source>
        <translation>打印补正告知书</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>Receive the 补正 materials</source>
        <translation>接收补正材料</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>The materials the back office asked for, with the same keys as 补齐.</source>
        <translation>接收审批部门要求补正的材料，操作按键与补齐相同。</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>reported by the platform</source>
        <translation>平台回传状态</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>补正 materials received</source>
        <translation>已接收补正材料</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>Payment notice (缴费通知书)</source>
        <translation>打印缴费通知书</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>Prints the payment notice with the payment code for what the items charge; fees due before the result is collected hold 出件 until paid.</source>
        <translation>按事项收费标准打印带缴款码的缴费通知书；办结前收费的办件须缴费确认后方可出件。</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>payment notice issued</source>
        <translation>已开具缴费通知书</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>fees paid</source>
        <translation>已缴费</translation>
    </message>
</context>
<context>
    <name>AcceptanceController</name>
    <message>
        <location filename="../acceptance/controller.py" line="1" />
        <source>Result handed over and queued for the platform; the delivery receipt (送达回执) is printing for the collector to sign.</source>
        <translation>已出件并排队上报平台；送达回执正在打印，请领取人签收。</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="1" />
        <source>Power of attorney (授权委托书)</source>
        <translation>授权委托书</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="1" />
        <source>Scans or PDF (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>扫描件或 PDF (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="1" />
        <source>Power of attorney in the case: %1 page(s). A collector who is neither the applicant nor the agent may now collect.</source>
        <translation>本办件已有授权委托书 %1 页：非申请人本人、非代理人的受托人现在可以领取。</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="1" />
        <source>Payment notice printed: %1 yuan, payment code %2. Paid: %3.</source>
        <translation>缴费通知书已打印：应缴 %1 元，缴款码 %2。是否已缴：%3。</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="1" />
        <source>yes</source>
        <translation>已缴</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="1" />
        <source>not yet</source>
        <translation>未缴</translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>Only cases with 补正 requested (%1)</source>
        <translation>只看待补正的办件（%1）</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>⚑ 补正</source>
        <translation>⚑ 待补正</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>The back office asked for 补正: open the case, print the 补正告知书 and receive the materials. The clock is stopped until they are received.</source>
        <translation>审批部门要求补正：请打开办件，打印补正告知书并接收补正材料。补正材料收到前暂停计时。</translation>
    </message>
</context>
<context>
    <name>CorrectionActions</name>
    <message>
        <location filename="../acceptance/correction_actions.py" line="1" />
        <source>补正告知书 printed: hand it to the applicant.</source>
        <translation>补正告知书已打印，请交申请人。</translation>
    </message>
    <message>
        <location filename="../acceptance/correction_actions.py" line="1" />
        <source>Receive the 补正 materials – %1</source>
        <translation>接收补正材料 – %1</translation>
    </message>
    <message>
        <location filename="../acceptance/correction_actions.py" line="1" />
        <source>%1 · %2 · the back office asked for 补正 (notice %3, bring by %4): mark what the applicant brings; every requested material is needed.</source>
        <translation>%1 · %2 · 审批部门要求补正（通知编号 %3，补正期限 %4）：请逐项标记申请人提交的材料，告知书所列材料须全部提交。</translation>
    </message>
    <message>
        <location filename="../acceptance/correction_actions.py" line="1" />
        <source>Requested material (what is asked)</source>
        <translation>需补正的材料（补正要求）</translation>
    </message>
    <message>
        <location filename="../acceptance/correction_actions.py" line="1" />
        <source>Bring by</source>
        <translation>补正期限</translation>
    </message>
    <message>
        <location filename="../acceptance/correction_actions.py" line="1" />
        <source>Record the 补正 (Ctrl+Enter)</source>
        <translation>确认接收补正材料（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../acceptance/correction_actions.py" line="1" />
        <source>Nothing marked yet: Space marks the current material as received.</source>
        <translation>尚未标记：按空格键将当前材料标记为已收。</translation>
    </message>
    <message>
        <location filename="../acceptance/correction_actions.py" line="1" />
        <source>%1 material(s) marked, %2 still missing: the notice asked for all of them.</source>
        <translation>已标记 %1 项，尚缺 %2 项：告知书所列材料须全部提交。</translation>
    </message>
    <message>
        <location filename="../acceptance/correction_actions.py" line="1" />
        <source>Every requested material is here: recording sends the case back to review.</source>
        <translation>要求补正的材料已齐全：确认后办件转回审批部门继续审查。</translation>
    </message>
    <message>
        <location filename="../acceptance/correction_actions.py" line="1" />
        <source>补正 recorded and queued for the platform: the case is back in review, the clock runs again.</source>
        <translation>补正材料已接收并排队上报平台：办件转回审查，恢复计时。</translation>
    </message>
    <message>
        <location filename="../acceptance/correction_actions.py" line="1" />
        <source>补正 receipt printed.</source>
        <translation>补正材料接收回执已打印。</translation>
    </message>
</context>
</TS>
