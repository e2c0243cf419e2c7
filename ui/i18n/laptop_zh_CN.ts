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
<context>
    <name>AgentBatchBar</name>
    <message>
        <location filename="../agent_batch_bar.py" line="1" />
        <source>Power of attorney covers collecting (代为领取)</source>
        <translation>本户委托书含代为领取</translation>
    </message>
    <message>
        <location filename="../agent_batch_bar.py" line="1" />
        <source>Tick when this villager's signed power of attorney authorises the agent to collect the result; otherwise the villager collects in person.</source>
        <translation>村民签字的授权委托书写明由代办员代为领取办理结果时勾选；否则由村民本人领取。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../clerk_app/acceptance/collector_check.py" line="1" />
        <source>The village agent brought this application, but the villager's power of attorney recorded at acceptance does not cover collecting the result (领取): the villager collects in person, or import a power of attorney that covers it.</source>
        <translation>本件由村级代办员代为申请，但受理时登记的村民授权委托书不含代为领取办理结果：请村民本人领取，或导入含代为领取的授权委托书。</translation>
    </message>
</context>
</TS>
