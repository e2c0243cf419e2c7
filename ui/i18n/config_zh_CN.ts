<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>errors</name>
    <message>
        <source>The configuration file {path} has {count} problems:</source>
        <translation>配置文件 {path} 有 {count} 处问题：</translation>
    </message>
    <message>
        <source>Configuration option {key} is "{value}"; allowed values: {allowed}.</source>
        <translation>配置项 {key} 的值为“{value}”；允许的值：{allowed}。</translation>
    </message>
    <message>
        <source>Configuration option {key} is "{value}"; it must be {form}.</source>
        <translation>配置项 {key} 的值为“{value}”；应为{form}。</translation>
    </message>
    <message>
        <source>Configuration option {key} is {value}; allowed: {low} to {high}.</source>
        <translation>配置项 {key} 的值为 {value}；允许范围：{low} 至 {high}。</translation>
    </message>
    <message>
        <source>Configuration option {key} must be a list of texts.</source>
        <translation>配置项 {key} 必须是文本列表。</translation>
    </message>
    <message>
        <source>Unknown configuration option {key} (did you mean {suggestion}?).</source>
        <translation>未知的配置项 {key}（是否应为 {suggestion}？）。</translation>
    </message>
    <message>
        <source>The configuration file {path} cannot be read: {reason}</source>
        <translation>无法读取配置文件 {path}：{reason}</translation>
    </message>
</context>
<context>
    <name>config</name>
    <message>
        <source>6 to 12 digits</source>
        <translation>6 至 12 位数字</translation>
    </message>
    <message>
        <source>two digits</source>
        <translation>两位数字</translation>
    </message>
    <message>
        <source>an http(s):// address</source>
        <translation>http(s):// 地址</translation>
    </message>
</context>
</TS>
