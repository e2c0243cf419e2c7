<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CaseActionBar</name>
    <message>
        <location filename="../acceptance/case_actions.py" line="1" />
        <source>More (更多)…</source>
        <translation>更多…</translation>
    </message>
</context>
</TS>
