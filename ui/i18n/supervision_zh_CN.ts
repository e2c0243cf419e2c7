<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CaseDialog</name>
    <message>
        <source>(uncertain: check the holiday calendar)</source>
        <translation>（日期不确定：请核对节假日安排）</translation>
    </message>
    <message>
        <source>Legal deadline</source>
        <translation>法定办结时限</translation>
    </message>
</context>
</TS>
