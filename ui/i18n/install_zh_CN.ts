<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>errors</name>
    <message>
        <location filename="../../clerk_app/errors.py" line="72" />
        <source>The local database was written by a newer version of OneWindow (database version {found}; this program knows up to {known}). It was not opened and nothing was changed. Install the newer version again, or call the hall's IT staff.</source>
        <translation>本机数据库由较新版本的一窗受理工作台写入（数据库版本 {found}，本程序最高支持 {known}）。为保护数据，未打开数据库，也未做任何改动。请重新安装较新的版本，或联系大厅信息技术人员。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/cli/commands/training.py" line="20" />
        <source>Practice cases can only be made in training mode.</source>
        <translation>只有在培训模式下才能生成练习办件。</translation>
    </message>
</context>
</TS>
