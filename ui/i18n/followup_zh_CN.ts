<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>FollowUpActions</name>
    <message>
        <location filename="../acceptance/followup.py" line="105" />
        <source>Supplement recorded and queued; %1 material(s) stay deferred.</source>
        <translation>补齐已登记并排队上报；仍有 %1 项材料待补。</translation>
    </message>
    <message>
        <location filename="../acceptance/followup.py" line="108" />
        <source>All deferred materials supplied: the case is accepted and queued for the platform.</source>
        <translation>容缺材料已全部补齐：办件转为已受理，并已排队上报平台。</translation>
    </message>
    <message>
        <location filename="../acceptance/followup.py" line="123" />
        <source>Receipt printed.</source>
        <translation>回执已打印。</translation>
    </message>
    <message>
        <location filename="../acceptance/followup.py" line="147" />
        <source>New acceptance following the one-time notice of case %1.</source>
        <translation>根据办件 %1 的一次性告知重新受理。</translation>
    </message>
</context>
<context>
    <name>SupplementDialog</name>
    <message>
        <location filename="../acceptance/supplement_dialog.py" line="47" />
        <source>Supply deferred materials (补齐) – %1</source>
        <translation>补齐容缺材料 – %1</translation>
    </message>
    <message>
        <location filename="../acceptance/supplement_dialog.py" line="58" />
        <source>%1 · %2 · accepted with deficiencies: mark what the applicant brings now.</source>
        <translation>%1 · %2 · 容缺受理：请登记申请人本次补交的材料。</translation>
    </message>
    <message>
        <location filename="../acceptance/supplement_dialog.py" line="70" />
        <source>Scanning and page import are not available on this workstation.</source>
        <translation>本工作站无法扫描或导入页面。</translation>
    </message>
    <message>
        <location filename="../acceptance/supplement_dialog.py" line="94" />
        <source>Import pages… (I)</source>
        <translation>导入页面…（I）</translation>
    </message>
    <message>
        <location filename="../acceptance/supplement_dialog.py" line="97" />
        <source>Record the supplement (Ctrl+Enter)</source>
        <translation>登记补齐（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../acceptance/supplement_dialog.py" line="101" />
        <source>Print the receipt again (补打)</source>
        <translation>补打回执</translation>
    </message>
    <message>
        <location filename="../acceptance/supplement_dialog.py" line="105" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../acceptance/supplement_dialog.py" line="120" />
        <source>Deferred material</source>
        <translation>容缺材料</translation>
    </message>
    <message>
        <location filename="../acceptance/supplement_dialog.py" line="120" />
        <source>Supply by</source>
        <translation>承诺补交期限</translation>
    </message>
    <message>
        <location filename="../acceptance/supplement_dialog.py" line="120" />
        <source>Received</source>
        <translation>已收取</translation>
    </message>
    <message>
        <location filename="../acceptance/supplement_dialog.py" line="120" />
        <source>Original checked</source>
        <translation>原件已核验</translation>
    </message>
    <message>
        <location filename="../acceptance/supplement_dialog.py" line="121" />
        <source>Copies</source>
        <translation>复印件</translation>
    </message>
    <message>
        <location filename="../acceptance/supplement_dialog.py" line="121" />
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <location filename="../acceptance/supplement_dialog.py" line="134" />
        <source>(overdue)</source>
        <translation>（已逾期）</translation>
    </message>
    <message>
        <location filename="../acceptance/supplement_dialog.py" line="135" />
        <source>The committed supply-by date has passed (电子监察).</source>
        <translation>已超过承诺的补交期限（电子监察）。</translation>
    </message>
    <message>
        <location filename="../acceptance/supplement_dialog.py" line="198" />
        <source>Nothing marked yet: Space marks the current material as received.</source>
        <translation>尚未登记：按空格键将当前材料标记为已收取。</translation>
    </message>
    <message>
        <location filename="../acceptance/supplement_dialog.py" line="200" />
        <source>%1 material(s) supplied now, %2 stay deferred.</source>
        <translation>本次补交 %1 项，仍有 %2 项待补。</translation>
    </message>
    <message>
        <location filename="../acceptance/supplement_dialog.py" line="203" />
        <source>All deferred materials supplied: the case continues as accepted.</source>
        <translation>容缺材料已全部补齐：办件按已受理继续办理。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../clerk_app/acceptance/supplement.py" line="40" />
        <source>This case has no deferred materials left to supply.</source>
        <translation>本件已没有待补交的容缺材料。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/supplement.py" line="44" />
        <source>Mark at least one deferred material as received (original checked, copies or pages).</source>
        <translation>请至少登记一项已收取的容缺材料（原件核验、复印件或页面）。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/supplement.py" line="49" />
        <source>A supplied material is not one of the case's deferred materials.</source>
        <translation>补交的材料不属于本件的容缺材料。</translation>
    </message>
</context>
</TS>