<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>citizen</name>
    <message>
        <source>Case number: %1　Signing as: %2</source>
        <translation>办件编号：%1　签名人：%2</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除重写</translation>
    </message>
    <message>
        <source>Confirm signature</source>
        <translation>确认签名</translation>
    </message>
    <message>
        <source>Not now? Scan the code with your phone to evaluate later. It holds only the case number and a verification code.</source>
        <translation>现在不方便？用手机扫描二维码，稍后评价。二维码只含办件编号和验证码。</translation>
    </message>
    <message>
        <source>Paper signature</source>
        <translation>纸质签名</translation>
    </message>
    <message>
        <source>Please sign: %1</source>
        <translation>请签名：%1</translation>
    </message>
    <message>
        <source>Service evaluation: given</source>
        <translation>好差评：已评价</translation>
    </message>
    <message>
        <source>Service evaluation: not given</source>
        <translation>好差评：未评价</translation>
    </message>
    <message>
        <source>Sign with your finger in the white area, as on paper.</source>
        <translation>请用手指在白色区域内签名，和在纸上签字一样。</translation>
    </message>
    <message>
        <source>The citizen signs the printed paper instead of the screen</source>
        <translation>群众在打印的纸质文书上签字，不在屏幕上签名</translation>
    </message>
    <message>
        <source>The signature could not be stored: the image is not valid.</source>
        <translation>签名无法保存：签名图像无效。</translation>
    </message>
    <message>
        <source>This paper of the case has already been signed.</source>
        <translation>该办件的这份文书已签名。</translation>
    </message>
    <message>
        <source>Your signature is stored with this case only and printed on this paper.</source>
        <translation>您的签名仅随本办件保存，并打印在该文书上。</translation>
    </message>
</context>
</TS>
