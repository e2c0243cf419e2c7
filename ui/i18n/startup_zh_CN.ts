<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>WorkstationStatusBar</name>
    <message>
        <location filename="../status_bar.py" line="1" />
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app.py" line="1" />
        <source>OneWindow could not start</source>
        <translation>一窗受理工作台未能启动</translation>
    </message>
</context>
</TS>
