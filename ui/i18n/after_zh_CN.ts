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
</context>
</TS>
