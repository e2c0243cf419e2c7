<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AcceptanceController</name>
    <message>
        <location filename="../acceptance/controller.py" line="1"/>
        <source>Printing the documents…</source>
        <translation>正在打印文书…</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="193" />
        <source>Scanning and page import are not available on this workstation.</source>
        <translation>本工作站无法扫描或导入页面。</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="227" />
        <source>Waiting for the applicant and the service item.</source>
        <translation>请先确认申请人并选择办理事项。</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="233" />
        <source>All required materials are present.</source>
        <translation>必要材料已齐全。</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="235" />
        <source>Only deferrable materials are outstanding: %1. Accept with deficiency, or issue a one-time notice.</source>
        <translation>仅缺可容缺材料：%1。可容缺受理，或出具一次性告知书。</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="238" />
        <source>Not complete: %1</source>
        <translation>材料不齐：%1</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="245" />
        <source>missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="246" />
        <source>defective</source>
        <translation>不符合要求</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="247" />
        <source>original not checked</source>
        <translation>原件未核验</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="248" />
        <source>too few copies</source>
        <translation>复印件份数不足</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="249" />
        <source>deferred</source>
        <translation>容缺后补</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="250" />
        <source>may not be deferred</source>
        <translation>不允许容缺</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="251" />
        <source>no supply-by date</source>
        <translation>未定补交期限</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="310" />
        <source>Case %1 stored and queued.</source>
        <translation>办件 %1 已保存并进入上报队列。</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="312" />
        <source>Concluded on the spot (即办件).</source>
        <translation>即办件，当场办结。</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="314" />
        <source>Promised by %1.</source>
        <translation>承诺办结时间：%1。</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="335" />
        <source>Printed: %1</source>
        <translation>已打印：%1</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="339" />
        <source>Printing failed; the case is stored. Press Ctrl+P to try again.</source>
        <translation>打印失败，办件已保存。请按 Ctrl+P 重新打印。</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="385" />
        <location filename="../acceptance/controller.py" line="404" />
        <source>Open a case</source>
        <translation>打开办件</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="386" />
        <source>Case number, or the applicant's ID number or credit code</source>
        <translation>办件编号，或申请人的证件号码/统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="405" />
        <source>Cases of this applicant, newest first</source>
        <translation>该申请人的办件（最新在前）</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="465" />
        <source>Read the collector's ID card first (F2), then hand over.</source>
        <translation>请先读取领取人的身份证（F2），再出件。</translation>
    </message>
    <message>
        <location filename="../acceptance/controller.py" line="470" />
        <source>Result handed over and queued for the platform.</source>
        <translation>已出件，并已进入上报队列。</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <location filename="../acceptance/case_list.py" line="132" />
        <source>Case %1</source>
        <translation>办件 %1</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="136" />
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="136" />
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="136" />
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="137" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="137" />
        <source>Promised date</source>
        <translation>承诺办结日期</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="138" />
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="138" />
        <source>Events</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="149" />
        <source>received</source>
        <translation>已收取</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="149" />
        <source>e-licence reused</source>
        <translation>电子证照免提交</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="150" />
        <source>missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="150" />
        <source>deferred, supply by</source>
        <translation>容缺，补交期限</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="151" />
        <source>defective</source>
        <translation>不符合要求</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="151" />
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="153" />
        <source>(overdue)</source>
        <translation>（已逾期）</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="161" />
        <source>created</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="161" />
        <source>decided</source>
        <translation>作出受理决定</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="162" />
        <source>status changed</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="162" />
        <source>printed</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="163" />
        <source>reprinted (补打)</source>
        <translation>补打</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="163" />
        <source>handed over</source>
        <translation>出件</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="164" />
        <source>supplemented</source>
        <translation>补齐材料</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="164" />
        <source>platform number received</source>
        <translation>收到平台编号</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="165" />
        <source>follows the one-time notice of an earlier case</source>
        <translation>承接此前一次性告知的办件</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="166" />
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="175" />
        <source>Reprint (补打)</source>
        <translation>补打</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="179" />
        <source>Hand over the result (出件)</source>
        <translation>出件</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="181" />
        <source>The collector's identity is taken from the applicant panel (read the card).</source>
        <translation>领取人身份取自申请人区（请先读卡）。</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="199" />
        <source>Supply deferred materials (补齐)</source>
        <translation>补齐容缺材料</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="203" />
        <source>New acceptance after the notice</source>
        <translation>告知后重新受理</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="205" />
        <source>Starts a new acceptance with this applicant, item and answers, and the materials already received; it refers to this case.</source>
        <translation>以本件的申请人、事项、情形选项和已收材料开始新的受理，新办件关联本件。</translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <location filename="../acceptance/case_list.py" line="50" />
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="50" />
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="50" />
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="50" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="51" />
        <source>Promised date</source>
        <translation>承诺办结日期</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="51" />
        <source>Supervision</source>
        <translation>电子监察</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="61" />
        <source>Scan a case number with the barcode gun or press Ctrl+F to open a case.</source>
        <translation>用扫码枪扫描办件编号，或按 Ctrl+F 打开办件。</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="71" />
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="72" />
        <source>Accepted, awaiting deferred materials</source>
        <translation>容缺受理，待补材料</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="73" />
        <source>One-time notice issued</source>
        <translation>已一次性告知</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="74" />
        <source>Rejected</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="75" />
        <source>Concluded</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="76" />
        <source>Submitted</source>
        <translation>已报送</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="77" />
        <source>In review</source>
        <translation>审查中</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="78" />
        <source>Correction requested (补正)</source>
        <translation>补正中</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="79" />
        <source>Special procedure</source>
        <translation>特别程序</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="80" />
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="81" />
        <source>Denied</source>
        <translation>不予批准</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="82" />
        <source>Ready for pickup</source>
        <translation>待领取</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="83" />
        <source>Handed over</source>
        <translation>已出件</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="84" />
        <source>Mailed</source>
        <translation>已邮寄</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="88" />
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="88" />
        <source>Due soon</source>
        <translation>黄牌预警</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="88" />
        <source>Overdue</source>
        <translation>红牌超期</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="89" />
        <source>Clock stopped</source>
        <translation>计时暂停</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="102" />
        <source>Supply overdue</source>
        <translation>补齐逾期</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="109" />
        <source>A deferred material was not supplied by the committed date.</source>
        <translation>有容缺材料未在承诺期限内补齐。</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="111" />
        <source>Computed beyond the official holiday calendar: check the date.</source>
        <translation>该日期超出官方节假日数据，按周一至周五推算，请核对。</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <location filename="../acceptance/decision_panel.py" line="88" />
        <source>Accept (受理)  Ctrl+Enter</source>
        <translation>受理  Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../acceptance/decision_panel.py" line="89" />
        <source>Accept with deficiency (容缺受理)</source>
        <translation>容缺受理</translation>
    </message>
    <message>
        <location filename="../acceptance/decision_panel.py" line="90" />
        <source>One-time notice (一次性告知)</source>
        <translation>一次性告知</translation>
    </message>
    <message>
        <location filename="../acceptance/decision_panel.py" line="91" />
        <source>Reject (不予受理)…</source>
        <translation>不予受理…</translation>
    </message>
    <message>
        <location filename="../acceptance/decision_panel.py" line="113" />
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../acceptance/decision_panel.py" line="114" />
        <source>Print  Ctrl+P</source>
        <translation>打印  Ctrl+P</translation>
    </message>
    <message>
        <location filename="../acceptance/decision_panel.py" line="115" />
        <source>New case  Ctrl+N</source>
        <translation>新办件  Ctrl+N</translation>
    </message>
</context>
<context>
    <name>MaterialChecklistPanel</name>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="94" />
        <source>Material</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="94" />
        <location filename="../acceptance/checklist_panel.py" line="146" />
        <source>Required</source>
        <translation>必要</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="94" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="94" />
        <source>Original</source>
        <translation>原件核验</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="95" />
        <source>Copies</source>
        <translation>复印件</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="95" />
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="95" />
        <source>Supply by</source>
        <translation>补交期限</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="110" />
        <source>Space received · A all received · E e-licence · D defer (容缺) · X defective · N missing · O original · +/− copies · I import file</source>
        <translation>空格 已收取 · A 全部收取 · E 电子证照 · D 容缺 · X 不符合要求 · N 缺少 · O 原件核验 · +/− 复印件 · I 导入文件</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="146" />
        <source>Optional</source>
        <translation>非必要</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="148" />
        <source>deferrable</source>
        <translation>可容缺</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="199" />
        <source>Received</source>
        <translation>已收取</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="200" />
        <source>E-licence reused</source>
        <translation>电子证照免提交</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="201" />
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="202" />
        <source>Deferred (容缺)</source>
        <translation>容缺后补</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="203" />
        <source>Defective</source>
        <translation>不符合要求</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="204" />
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="222" />
        <source>Defective material</source>
        <translation>材料不符合要求</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="223" />
        <source>What is wrong with “%1”?</source>
        <translation>“%1”存在什么问题？</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="252" />
        <source>Received as required	Space</source>
        <translation>按要求收取	空格</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="253" />
        <source>All remaining received	A</source>
        <translation>其余全部收取	A</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="254" />
        <source>E-licence reused	E</source>
        <translation>使用电子证照	E</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="255" />
        <source>Defer (容缺) with a supply-by date	D</source>
        <translation>容缺并约定补交期限	D</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="256" />
        <source>Defective…	X</source>
        <translation>不符合要求…	X</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="257" />
        <source>Missing	N</source>
        <translation>缺少	N</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="258" />
        <source>Original checked on/off	O</source>
        <translation>原件核验 开/关	O</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="259" />
        <source>One more copy	+</source>
        <translation>复印件加一份	+</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="260" />
        <source>One copy less	−</source>
        <translation>复印件减一份	−</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="261" />
        <source>Import files as pages…	I</source>
        <translation>导入文件为页面…	I</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../acceptance/preview.py" line="15" />
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <location filename="../acceptance/preview.py" line="32" />
        <source>Print</source>
        <translation>打印</translation>
    </message>
</context>
<context>
    <name>RejectionForm</name>
    <message>
        <location filename="../acceptance/decision_panel.py" line="38" />
        <source>Reject (不予受理)</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../acceptance/decision_panel.py" line="49" />
        <source>Competent authority or channel</source>
        <translation>有权受理的机关或渠道</translation>
    </message>
    <message>
        <location filename="../acceptance/decision_panel.py" line="50" />
        <source>Confirm rejection</source>
        <translation>确认不予受理</translation>
    </message>
    <message>
        <location filename="../acceptance/decision_panel.py" line="58" />
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../acceptance/decision_panel.py" line="59" />
        <source>Legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <location filename="../acceptance/decision_panel.py" line="60" />
        <source>Apply instead at</source>
        <translation>请向以下机关申请</translation>
    </message>
</context>
<context>
    <name>SupplyDateDialog</name>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="60" />
        <source>Supply-by date</source>
        <translation>补交期限</translation>
    </message>
    <message>
        <location filename="../acceptance/checklist_panel.py" line="67" />
        <source>Supply by</source>
        <translation>补交期限</translation>
    </message>
</context>
<context>
    <name>acceptance</name>
    <message>
        <location filename="../../clerk_app/domain/decision_rules.py" line="168" />
        <source>No material is deferred.</source>
        <translation>没有容缺材料。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/decision_rules.py" line="169" />
        <source>Nothing is missing or defective.</source>
        <translation>没有缺少或不符合要求的材料。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/decision_rules.py" line="172" />
        <source>Required materials are missing, deferred or incomplete.</source>
        <translation>必要材料缺少、容缺或不完整。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/decision_rules.py" line="175" />
        <source>Materials that cannot be deferred are missing or incomplete, or a deferral lacks a valid date.</source>
        <translation>不可容缺的材料缺少或不完整，或容缺材料未约定有效的补交期限。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../clerk_app/acceptance/errors.py" line="10" />
        <source>Choose the applicant and the service item before deciding.</source>
        <translation>请先确认申请人并选择办理事项，再作受理决定。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/errors.py" line="14" />
        <source>This decision is not valid for the materials as recorded: {reason}</source>
        <translation>按已登记的材料情况，不能作出该决定：{reason}</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/errors.py" line="20" />
        <source>A rejection needs the reason, the legal basis and where to apply instead.</source>
        <translation>不予受理须填写理由、法律依据以及应向哪个机关申请。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/errors.py" line="26" />
        <source>No case with this number is stored at this workstation.</source>
        <translation>本工作站没有该编号的办件。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/errors.py" line="30" />
        <source>Only a case with a one-time notice can be followed by a new acceptance.</source>
        <translation>只有已出具一次性告知书的办件才能据此重新受理。</translation>
    </message>
</context>
</TS>