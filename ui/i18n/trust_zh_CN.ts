<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>errors</name>
    <message>
        <source>The platform&apos;s answer does not confirm what was sent ({code}); the item stays queued.</source>
        <translation>平台的应答与所发送的内容不符（{code}），该项仍留在待上报队列中。</translation>
    </message>
    <message>
        <source>The platform answered a case number that contradicts an earlier one; it needs the clerk&apos;s attention.</source>
        <translation>平台返回的办件编号与此前不一致，需要窗口人员处理。</translation>
    </message>
    <message>
        <source>The card was not read correctly ({field}). Please place the card again.</source>
        <translation>读卡数据有误（{field}），请重新放卡。</translation>
    </message>
    <message>
        <source>The platform sent a {stream} page that was refused ({reason}).</source>
        <translation>平台发来的 {stream} 数据页不符合约定，已拒收（{reason}）。</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>This computer&apos;s clock is {0} min ahead of the platform&apos;s: have it corrected</source>
        <translation>本机时钟比平台快 {0} 分钟，请校准时间</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {0} min behind the platform&apos;s: have it corrected</source>
        <translation>本机时钟比平台慢 {0} 分钟，请校准时间</translation>
    </message>
</context>
</TS>
