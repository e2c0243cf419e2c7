<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApplicantPanel</name>
    <message>
        <location filename="../applicant_panel.py" line="64" />
        <source>SIMULATED</source>
        <translation>模拟</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="73" />
        <source>Read card (F2)</source>
        <translation>读卡 (F2)</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="74" />
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="81" />
        <source>Person</source>
        <translation>自然人</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="82" />
        <source>Legal entity</source>
        <translation>法人/组织</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="87" />
        <source>Confirm applicant</source>
        <translation>确认申请人</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="122" />
        <location filename="../applicant_panel.py" line="414" />
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="135" />
        <source>mobile number for notices</source>
        <translation>用于通知的手机号码</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="140" />
        <source>Why typed</source>
        <translation>手工录入原因</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="141" />
        <source>Type in instead</source>
        <translation>改为手工录入</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="145" />
        <location filename="../applicant_panel.py" line="214" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="146" />
        <source>Document</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="147" />
        <source>Number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="149" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="161" />
        <source>Handled by an agent (代办人)</source>
        <translation>由代办人办理</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="168" />
        <source>applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="169" />
        <source>agent</source>
        <translation>代办人</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="175" />
        <source>Next card fills:</source>
        <translation>下一张卡填入：</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="183" />
        <source>Relation</source>
        <translation>与申请人关系</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="185" />
        <source>The signed authorisation is recorded as a material of the case.</source>
        <translation>签字的授权委托书将作为本件的申请材料登记。</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="195" />
        <source>Place training card</source>
        <translation>放置培训卡</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="196" />
        <source>Lift card</source>
        <translation>取走卡片</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="211" />
        <source>18-character unified social credit code</source>
        <translation>18位统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="215" />
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="216" />
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="235" />
        <source>Agent filled from the card.</source>
        <translation>已从证件读取代办人信息。</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="238" />
        <source>Legal representative filled from the card.</source>
        <translation>已从证件读取法定代表人信息。</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="257" />
        <source>born {0}</source>
        <translation>出生 {0}</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="259" />
        <source>nationality {0}</source>
        <translation>国籍 {0}</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="263" />
        <source>document no. {0}</source>
        <translation>证件号 {0}</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="268" />
        <source>Issued by {0}</source>
        <translation>签发机关：{0}</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="278" />
        <source>Valid: long-term</source>
        <translation>有效期：长期</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="279" />
        <source>Valid until {0}</source>
        <translation>有效期至 {0}</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="280" />
        <source>Expires soon: valid until {0}</source>
        <translation>即将到期：有效期至 {0}</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="281" />
        <source>EXPIRED on {0}: the document is no longer valid</source>
        <translation>证件已于 {0} 过期，不能作为有效证件</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="283" />
        <source>Not yet valid</source>
        <translation>证件尚未生效</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="284" />
        <source>Validity not on the card</source>
        <translation>卡内无有效期信息</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="297" />
        <source>Photo on card (no decoder installed)</source>
        <translation>卡内有照片（未安装解码库）</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="298" />
        <location filename="../applicant_panel.py" line="418" />
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="328" />
        <source>legal representative typed in</source>
        <translation>法定代表人信息手工录入</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="342" />
        <source>Applicant confirmed.</source>
        <translation>申请人已确认。</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="358" />
        <source>agent typed in</source>
        <translation>代办人信息手工录入</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="414" />
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location filename="../applicant_panel.py" line="422" />
        <source>Place the ID card or social security card on the reader.</source>
        <translation>请将身份证或社会保障卡放在读卡器上。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../devices/identity_base.py" line="142" />
        <source>The card reader reported an error.</source>
        <translation>读卡器报告错误。</translation>
    </message>
    <message>
        <location filename="../../devices/identity_base.py" line="146" />
        <source>No card reader is connected. Check the cable and the reader's power.</source>
        <translation>未连接读卡器。请检查连接线和读卡器电源。</translation>
    </message>
    <message>
        <location filename="../../devices/identity_base.py" line="154" />
        <source>The card reader was disconnected. Plug it in again.</source>
        <translation>读卡器已断开，请重新插好。</translation>
    </message>
    <message>
        <location filename="../../devices/identity_base.py" line="158" />
        <source>The card reader did not answer in time. Check the cable and try again.</source>
        <translation>读卡器无响应。请检查连接线后重试。</translation>
    </message>
    <message>
        <location filename="../../devices/identity_base.py" line="164" />
        <source>No card on the reader. Place the card flat on the reader.</source>
        <translation>读卡器上没有卡。请将卡片平放在读卡器上。</translation>
    </message>
    <message>
        <location filename="../../devices/identity_base.py" line="170" />
        <source>No new card found. If the card is on the reader, lift it and place it again.</source>
        <translation>未发现新卡。如卡片已在读卡器上，请拿起后重新放置。</translation>
    </message>
    <message>
        <location filename="../../devices/identity_base.py" line="176" />
        <source>The card was moved while it was being read. Leave it on the reader and try again.</source>
        <translation>读卡过程中卡片被移动。请将卡片放稳后重试。</translation>
    </message>
    <message>
        <location filename="../../devices/identity_base.py" line="182" />
        <source>The card reader's security module reported status {status}: {meaning}</source>
        <translation>读卡器安全模块（SAM）返回状态 {status}：{meaning}</translation>
    </message>
    <message>
        <location filename="../../devices/identity_base.py" line="197" />
        <source>This card cannot be read here: it is not an identity card or social security card.</source>
        <translation>无法读取此卡：它不是身份证件或社会保障卡。</translation>
    </message>
    <message>
        <location filename="../../devices/identity_base.py" line="203" />
        <source>The card returned data that could not be understood ({field}).</source>
        <translation>卡片返回的数据无法识别（{field}）。</translation>
    </message>
    <message>
        <location filename="../../devices/identity_base.py" line="207" />
        <source>This social security card needs its PIN to be read.</source>
        <translation>此社会保障卡需要输入密码才能读取。</translation>
    </message>
    <message>
        <location filename="../../devices/identity_base.py" line="211" />
        <source>The PIN is wrong; {tries} tries left before the card locks.</source>
        <translation>密码错误；再错 {tries} 次卡片将被锁定。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/identity/validation.py" line="45" />
        <source>Enter the name as written on the identity document.</source>
        <translation>请按证件上的写法填写姓名。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/identity/validation.py" line="50" />
        <source>The name contains characters that do not belong in a name.</source>
        <translation>姓名中含有不应出现的字符。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/identity/validation.py" line="55" />
        <source>The ID number must be 17 digits followed by a digit or X.</source>
        <translation>证件号码应为17位数字加1位数字或X。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/identity/validation.py" line="60" />
        <source>The birth date inside the ID number is not a real date.</source>
        <translation>证件号码中的出生日期不是有效日期。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/identity/validation.py" line="65" />
        <source>The ID number's check digit is wrong: a digit was probably mistyped. Compare it with the card.</source>
        <translation>证件号码校验位不正确，可能有数字录错，请与证件核对。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/identity/validation.py" line="72" />
        <source>This number does not belong to the chosen document type.</source>
        <translation>该号码与所选证件类型不符。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/identity/validation.py" line="77" />
        <source>Say why the identity is typed in instead of read from a card.</source>
        <translation>请注明未读卡而手工录入的原因。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/identity/validation.py" line="82" />
        <source>The unified social credit code is not valid (18 characters, check character at the end).</source>
        <translation>统一社会信用代码无效（应为18位，末位为校验码）。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/identity/validation.py" line="89" />
        <source>Say how the agent is related to the applicant.</source>
        <translation>请填写代办人与申请人的关系。</translation>
    </message>
</context>
<context>
    <name>identity</name>
    <message>
        <location filename="../person_fields.py" line="16" />
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <location filename="../person_fields.py" line="17" />
        <source>HK/Macau/Taiwan residence permit</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <location filename="../person_fields.py" line="18" />
        <source>Foreign permanent residence card (2017)</source>
        <translation>外国人永久居留身份证（2017版）</translation>
    </message>
    <message>
        <location filename="../person_fields.py" line="19" />
        <source>Foreign permanent residence card (2023)</source>
        <translation>外国人永久居留身份证（2023版）</translation>
    </message>
    <message>
        <location filename="../person_fields.py" line="20" />
        <source>Social security card</source>
        <translation>社会保障卡</translation>
    </message>
    <message>
        <location filename="../person_fields.py" line="21" />
        <source>Household register</source>
        <translation>户口簿</translation>
    </message>
    <message>
        <location filename="../person_fields.py" line="22" />
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <location filename="../person_fields.py" line="23" />
        <source>Other document</source>
        <translation>其他证件</translation>
    </message>
    <message>
        <location filename="../person_fields.py" line="27" />
        <source>read from the ID card chip</source>
        <translation>读自证件芯片</translation>
    </message>
    <message>
        <location filename="../person_fields.py" line="28" />
        <source>read from the social security card</source>
        <translation>读自社会保障卡</translation>
    </message>
    <message>
        <location filename="../person_fields.py" line="29" />
        <source>SIMULATED training card</source>
        <translation>模拟培训卡</translation>
    </message>
    <message>
        <location filename="../person_fields.py" line="30" />
        <source>typed in by the clerk</source>
        <translation>工作人员手工录入</translation>
    </message>
    <message>
        <location filename="../person_fields.py" line="56" />
        <source>Type in instead</source>
        <translation>改为手工录入</translation>
    </message>
    <message>
        <location filename="../person_fields.py" line="61" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../person_fields.py" line="62" />
        <source>Document</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../person_fields.py" line="63" />
        <source>Number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../identity_wiring.py" line="67" />
        <source>Social security card PIN</source>
        <translation>社会保障卡密码</translation>
    </message>
    <message>
        <location filename="../identity_wiring.py" line="68" />
        <source>This card needs its PIN. Ask the holder to enter it:</source>
        <translation>此卡需要输入密码，请持卡人输入：</translation>
    </message>
    <message>
        <location filename="../identity_wiring.py" line="76" />
        <source>Card reader: not connected</source>
        <translation>读卡器：未连接</translation>
    </message>
    <message>
        <location filename="../identity_wiring.py" line="77" />
        <source>simulated</source>
        <translation>模拟</translation>
    </message>
    <message>
        <location filename="../identity_wiring.py" line="79" />
        <source>Card reader: {0}</source>
        <translation>读卡器：{0}</translation>
    </message>
    <message>
        <location filename="../identity_wiring.py" line="97" />
        <source>Reading the card…</source>
        <translation>正在读卡…</translation>
    </message>
    <message>
        <location filename="../identity_wiring.py" line="98" />
        <source>Card removed.</source>
        <translation>卡片已取走。</translation>
    </message>
    <message>
        <location filename="../identity_wiring.py" line="113" />
        <source>Card reader: searching…</source>
        <translation>读卡器：正在查找…</translation>
    </message>
</context>
<context>
    <name>sam_status</name>
    <message>
        <location filename="../../devices/idcard/protocol.py" line="60" />
        <source>operation succeeded</source>
        <translation>操作成功</translation>
    </message>
    <message>
        <location filename="../../devices/idcard/protocol.py" line="61" />
        <source>card found</source>
        <translation>寻卡成功</translation>
    </message>
    <message>
        <location filename="../../devices/idcard/protocol.py" line="62" />
        <source>no such content on the card</source>
        <translation>卡中此项无内容</translation>
    </message>
    <message>
        <location filename="../../devices/idcard/protocol.py" line="63" />
        <source>checksum error in received data</source>
        <translation>接收数据校验和错</translation>
    </message>
    <message>
        <location filename="../../devices/idcard/protocol.py" line="64" />
        <source>length error in received data</source>
        <translation>接收数据长度错</translation>
    </message>
    <message>
        <location filename="../../devices/idcard/protocol.py" line="65" />
        <source>command error</source>
        <translation>接收命令错</translation>
    </message>
    <message>
        <location filename="../../devices/idcard/protocol.py" line="66" />
        <source>unauthorised operation</source>
        <translation>越权操作</translation>
    </message>
    <message>
        <location filename="../../devices/idcard/protocol.py" line="67" />
        <source>unrecognised error</source>
        <translation>无法识别的错误</translation>
    </message>
    <message>
        <location filename="../../devices/idcard/protocol.py" line="68" />
        <source>card failed to authenticate the SAM</source>
        <translation>卡认证SAM失败</translation>
    </message>
    <message>
        <location filename="../../devices/idcard/protocol.py" line="69" />
        <source>SAM failed to authenticate the card</source>
        <translation>SAM认证卡失败</translation>
    </message>
    <message>
        <location filename="../../devices/idcard/protocol.py" line="70" />
        <source>information verification error</source>
        <translation>信息验证错误</translation>
    </message>
    <message>
        <location filename="../../devices/idcard/protocol.py" line="71" />
        <source>unrecognised card type</source>
        <translation>无法识别的卡类型</translation>
    </message>
    <message>
        <location filename="../../devices/idcard/protocol.py" line="72" />
        <source>read card operation failed</source>
        <translation>读卡操作失败</translation>
    </message>
    <message>
        <location filename="../../devices/idcard/protocol.py" line="73" />
        <source>random number failed</source>
        <translation>取随机数失败</translation>
    </message>
    <message>
        <location filename="../../devices/idcard/protocol.py" line="74" />
        <source>SAM self-test failed</source>
        <translation>SAM自检失败</translation>
    </message>
    <message>
        <location filename="../../devices/idcard/protocol.py" line="75" />
        <source>SAM not authorised</source>
        <translation>SAM未经授权</translation>
    </message>
    <message>
        <location filename="../../devices/idcard/protocol.py" line="76" />
        <source>no card found</source>
        <translation>寻卡失败（无卡）</translation>
    </message>
    <message>
        <location filename="../../devices/idcard/protocol.py" line="77" />
        <source>select card failed</source>
        <translation>选卡失败</translation>
    </message>
</context>
</TS>