<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CatalogPanel</name>
    <message>
        <location filename="../catalog_panel.py" line="60" />
        <source>Name, code, pinyin or initials (F3 / Ctrl+K)</source>
        <translation>事项名称、编码、拼音或首字母（F3 / Ctrl+K）</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="64" />
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="79" />
        <source>Print guide</source>
        <translation>打印办事指南</translation>
    </message>
    <message numerus="yes">
        <location filename="../catalog_panel.py" line="131" />
        <source>%n item(s) in the catalog</source>
        <translation><numerusform>目录中共 %n 个事项</numerusform></translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="151" />
        <source>[Combined] </source>
        <translation>【一件事】</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="160" />
        <source>Nothing found for “%1”.</source>
        <translation>未找到与“%1”相关的事项。</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="176" />
        <source>Did you mean:</source>
        <translation>您是不是要找：</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="255" />
        <source>working days</source>
        <translation>个工作日</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="255" />
        <source>calendar days</source>
        <translation>个自然日</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="263" />
        <source>optional</source>
        <translation>非必要</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="265" />
        <source>may be supplied later (容缺)</source>
        <translation>可容缺后补</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="267" />
        <source>e-licence accepted: %1</source>
        <translation>可用电子证照免提交：%1</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="269" />
        <source>for: %1</source>
        <translation>用于：%1</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="277" />
        <source>Material</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="277" />
        <source>Form (originals/copies)</source>
        <translation>形式（原件/复印件份数）</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="277" />
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="283" />
        <source>free of charge</source>
        <translation>不收费</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="287" />
        <source>Item type</source>
        <translation>事项类型</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="288" />
        <source>Handling</source>
        <translation>办件类型</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="289" />
        <source>Legal time limit</source>
        <translation>法定办结时限</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="290" />
        <source>Promised time limit</source>
        <translation>承诺办结时限</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="291" />
        <source>Implementing body</source>
        <translation>实施主体</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="292" />
        <source>Fees</source>
        <translation>收费</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="293" />
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="294" />
        <source>Location and hours</source>
        <translation>办理地点及时间</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="295" />
        <source>Consultation / complaints</source>
        <translation>咨询 / 投诉电话</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="296" />
        <source>Basic code</source>
        <translation>基本编码</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="299" />
        <source>Acceptance conditions</source>
        <translation>受理条件</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="305" />
        <source>This item has been withdrawn.</source>
        <translation>该事项已取消，仅供查阅。</translation>
    </message>
    <message numerus="yes">
        <location filename="../catalog_panel.py" line="307" />
        <location filename="../catalog_panel.py" line="317" />
        <source>Materials to collect (%n)</source>
        <translation><numerusform>需收取的材料（%n 项）</numerusform></translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="316" />
        <source>Items in this combined service</source>
        <translation>包含事项</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../clerk_app/catalog/errors.py" line="12" />
        <source>The catalog file was rejected, nothing was changed. {where}: field {field}: {problem}</source>
        <translation>事项目录文件被拒绝，现有目录未作任何改动。{where}：字段 {field}：{problem}</translation>
    </message>
    <message>
        <location filename="../../clerk_app/catalog/errors.py" line="28" />
        <source>The service item {code} is not in the local catalog.</source>
        <translation>本地事项目录中没有事项 {code}。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/catalog/errors.py" line="32" />
        <source>The combined service (一件事) {code} is not in the local catalog.</source>
        <translation>本地事项目录中没有“一件事” {code}。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/catalog/errors.py" line="36" />
        <source>The situation answer {question} = {answer} does not fit item {code}.</source>
        <translation>情形选项 {question} = {answer} 不适用于事项 {code}。</translation>
    </message>
</context>
<context>
    <name>panel</name>
    <message>
        <location filename="../catalog_panel.py" line="359" />
        <source>Printing the guide…</source>
        <translation>正在打印办事指南…</translation>
    </message>
    <message>
        <location filename="../catalog_panel.py" line="361" />
        <source>Guide sent to %1</source>
        <translation>办事指南已发送到打印机 %1</translation>
    </message>
</context>
</TS>