<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>statistics</name>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>By window</source>
        <translation>按窗口</translation>
    </message>
    <message>
        <source>By clerk</source>
        <translation>按人员</translation>
    </message>
    <message>
        <source>By department</source>
        <translation>按部门</translation>
    </message>
    <message>
        <source>By item</source>
        <translation>按事项</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Accepted with deficiencies</source>
        <translation>容缺受理</translation>
    </message>
    <message>
        <source>One-time notice</source>
        <translation>一次性告知</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Hall-wide figures (all windows of the centre, from the platform)</source>
        <translation>全厅数据（平台汇总本中心各窗口）</translation>
    </message>
    <message>
        <source>This window's own figures (offline: the platform is not reachable)</source>
        <translation>本窗口数据（离线：平台不可达）</translation>
    </message>
    <message>
        <source>This window's own figures</source>
        <translation>本窗口数据</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>办件统计</translation>
    </message>
    <message>
        <source>Bars per day</source>
        <translation>按日柱状图</translation>
    </message>
    <message>
        <source>Bars per group</source>
        <translation>按分组柱状图</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Export .xlsx</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Cases by decision per group</source>
        <translation>各分组办件量（按受理结果）</translation>
    </message>
    <message>
        <source>Cases by decision per day</source>
        <translation>每日办件量（按受理结果）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Case counts, deadline warnings and evaluations for a day, week, month or any range</source>
        <translation>按日、周、月或任意时段统计办件量、电子监察和好差评</translation>
    </message>
    <message numerus="yes">
        <source>%1 to %2 · %n case(s)</source>
        <translation>
            <numerusform>%1 至 %2 · 共 %n 件</numerusform>
        </translation>
    </message>
</context>
</TS>
