<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>errors</name>
    <message>
        <location filename="../../clerk_app/domain/delivery.py" line="1" />
        <source>Mail delivery needs {what}.</source>
        <translation>邮寄送达需要{what}。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/delivery.py" line="1" />
        <source>The catalog does not allow mail delivery (物流快递) for {items}: the result is collected at the window.</source>
        <translation>事项目录未允许{items}物流快递（邮寄送达），办理结果须到窗口领取。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/delivery.py" line="1" />
        <source>"{number}" is not a waybill number of a carrier this centre uses ({carriers}).</source>
        <translation>“{number}”不是本中心使用的快递公司的运单号（{carriers}）。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/delivery.py" line="1" />
        <source>The waybill rule "{rule}" in delivery.waybill_rules is not CARRIER=REGULAR-EXPRESSION.</source>
        <translation>delivery.waybill_rules 中的运单号规则“{rule}”不是“快递公司=正则表达式”的形式。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/delivery.py" line="1" />
        <source>The applicant of this case chose to collect the result at the window, not to have it mailed.</source>
        <translation>本办件申请人选择的是窗口自取，不是邮寄送达。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/delivery.py" line="1" />
        <source>This result was already mailed with waybill {waybill}.</source>
        <translation>该办理结果已寄出，运单号 {waybill}。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/delivery.py" line="1" />
        <source>The carrier returned this result ({reason}): it is collected at the window now.</source>
        <translation>该办理结果已被快递退回（{reason}），现须到窗口领取。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/delivery.py" line="1" />
        <source>Waybill {waybill} is already recorded for case {case_number}.</source>
        <translation>运单号 {waybill} 已登记在办件 {case_number}。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/delivery.py" line="1" />
        <source>No result was mailed from this workstation on {day}: there is no mailing list to print.</source>
        <translation>本工作站 {day} 没有寄出的办理结果，无寄件清单可打印。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/delivery.py" line="1" />
        <source>The result of this case is not ready to be mailed yet ({status}).</source>
        <translation>本办件的办理结果尚不能寄出（当前状态：{status}）。</translation>
    </message>
</context>
<context>
    <name>delivery</name>
    <message>
        <location filename="../../clerk_app/domain/delivery.py" line="1" />
        <source>the recipient's name</source>
        <translation>收件人姓名</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/delivery.py" line="1" />
        <source>a mobile number (11 digits) or a landline with its area code</source>
        <translation>手机号码（11位）或带区号的固定电话</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/delivery.py" line="1" />
        <source>the full address (province, city, district, street and number)</source>
        <translation>完整地址（省、市、区县、街道和门牌号）</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/delivery.py" line="1" />
        <source>a six-digit postcode, or none</source>
        <translation>六位邮政编码，或不填</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/delivery.py" line="1" />
        <source>a shorter name and address</source>
        <translation>更短的姓名和地址</translation>
    </message>
</context>
<context>
    <name>DeliveryChoice</name>
    <message>
        <location filename="../acceptance/delivery_choice.py" line="1" />
        <source>Result delivery (领取方式)</source>
        <translation>领取方式</translation>
    </message>
    <message>
        <location filename="../acceptance/delivery_choice.py" line="1" />
        <source>Collect at the window (窗口自取)</source>
        <translation>窗口自取</translation>
    </message>
    <message>
        <location filename="../acceptance/delivery_choice.py" line="1" />
        <source>Mail it (邮寄送达)</source>
        <translation>邮寄送达</translation>
    </message>
    <message>
        <location filename="../acceptance/delivery_choice.py" line="1" />
        <source>The catalog does not allow mail delivery (物流快递) for this item: the result is collected at the window.</source>
        <translation>事项目录未允许本事项物流快递，办理结果须到窗口领取。</translation>
    </message>
    <message>
        <location filename="../acceptance/delivery_choice.py" line="1" />
        <source>Recipient…</source>
        <translation>收件人信息…</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <location filename="../acceptance/dispatch_dialog.py" line="1" />
        <source>Show in full for the waybill label</source>
        <translation>显示完整信息（填写运单）</translation>
    </message>
    <message>
        <location filename="../acceptance/dispatch_dialog.py" line="1" />
        <source>Mail the result – %1</source>
        <translation>寄出办理结果 – %1</translation>
    </message>
    <message>
        <location filename="../acceptance/dispatch_dialog.py" line="1" />
        <source>Scan the waybill number with the barcode gun (or type it), then press Enter.</source>
        <translation>请用扫码枪扫描运单号（或手工输入），然后按回车。</translation>
    </message>
    <message>
        <location filename="../acceptance/dispatch_dialog.py" line="1" />
        <source>Waybill number</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../acceptance/dispatch_dialog.py" line="1" />
        <source>Confirm mailing (确认寄出)</source>
        <translation>确认寄出</translation>
    </message>
    <message>
        <location filename="../acceptance/dispatch_dialog.py" line="1" />
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <location filename="../acceptance/dispatch_dialog.py" line="1" />
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../acceptance/dispatch_dialog.py" line="1" />
        <source>Address</source>
        <translation>寄达地址</translation>
    </message>
    <message>
        <location filename="../acceptance/dispatch_dialog.py" line="1" />
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
</context>
<context>
    <name>DeliveryActions</name>
    <message>
        <location filename="../acceptance/delivery_actions.py" line="1" />
        <source>Mail delivery (邮寄送达) to %1, %2</source>
        <translation>邮寄送达：%1，%2</translation>
    </message>
    <message>
        <location filename="../acceptance/delivery_actions.py" line="1" />
        <source>Mailed %1 with %2, waybill %3</source>
        <translation>已于 %1 交%2寄出，运单号 %3</translation>
    </message>
    <message>
        <location filename="../acceptance/delivery_actions.py" line="1" />
        <source>Delivered (已签收) %1</source>
        <translation>已签收 %1</translation>
    </message>
    <message>
        <location filename="../acceptance/delivery_actions.py" line="1" />
        <source>Returned by the carrier (退回): %1. The result waits at the window: ask the applicant to collect it.</source>
        <translation>快递退回：%1。办理结果已转为窗口待领取，请通知申请人到窗口领取。</translation>
    </message>
    <message>
        <location filename="../acceptance/delivery_actions.py" line="1" />
        <source>Result mailed with %1 waybill %2 and queued for the platform.</source>
        <translation>办理结果已交%1寄出（运单号 %2），已排队上报平台。</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>mail delivery chosen (邮寄送达)</source>
        <translation>选择邮寄送达</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>mailed with a waybill (寄出)</source>
        <translation>已寄出（登记运单号）</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>delivered (已签收)</source>
        <translation>已签收</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>returned by the carrier (退回)</source>
        <translation>快递退回</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>Mail the result (寄出)…</source>
        <translation>寄出（录入运单号）…</translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>mail returned (邮寄退回)</source>
        <translation>邮寄退回</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>The carrier returned the mailed result (%1): ask the applicant to collect it at the window.</source>
        <translation>快递已退回邮寄的办理结果（%1）：请通知申请人到窗口领取。</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>Print today's mailing list (当日寄件清单)</source>
        <translation>打印当日寄件清单</translation>
    </message>
</context>
<context>
    <name>RecipientDialog</name>
    <message>
        <location filename="../acceptance/delivery_choice.py" line="1" />
        <source>Mobile, or landline with area code</source>
        <translation>手机号码，或带区号的固定电话</translation>
    </message>
    <message>
        <location filename="../acceptance/delivery_choice.py" line="1" />
        <source>Province, city, district, street and number</source>
        <translation>省、市、区县、街道和门牌号</translation>
    </message>
    <message>
        <location filename="../acceptance/delivery_choice.py" line="1" />
        <source>Optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <location filename="../acceptance/delivery_choice.py" line="1" />
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <location filename="../acceptance/delivery_choice.py" line="1" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../acceptance/delivery_choice.py" line="1" />
        <source>Address</source>
        <translation>寄达地址</translation>
    </message>
    <message>
        <location filename="../acceptance/delivery_choice.py" line="1" />
        <source>Postcode</source>
        <translation>邮政编码</translation>
    </message>
    <message>
        <location filename="../acceptance/delivery_choice.py" line="1" />
        <source>Mail delivery (邮寄送达): the recipient</source>
        <translation>邮寄送达：收件人信息</translation>
    </message>
</context>
</TS>
