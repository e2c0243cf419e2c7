<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>authsign</name>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>Print power of attorney (授权委托书)</source>
        <translation>打印授权委托书</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>The agent brought no power of attorney: print one for the applicant to sign (on the customer screen or by hand).</source>
        <translation>代理人未提交授权委托书：打印一份，由申请人签名（在群众信息屏上签名或手写签名）。</translation>
    </message>
</context>
</TS>
