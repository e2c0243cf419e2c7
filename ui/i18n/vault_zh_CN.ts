<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>errors</name>
    <message>
        <source>The workstation&apos;s data is locked: it opens when a clerk logs in.</source>
        <translation>本机数据已加密锁定：窗口人员登录后方可打开。</translation>
    </message>
    <message>
        <source>This workstation&apos;s data key has not been set up. The administrator runs &apos;python main.py key init&apos; once (it shows the recovery key to keep in the safe).</source>
        <translation>本机数据密钥尚未设置。请管理员执行一次“python main.py key init”（会显示恢复密钥，请打印后存放于保险柜）。</translation>
    </message>
    <message>
        <source>Your password was accepted, but it cannot open this workstation&apos;s data yet. A clerk who has worked here logs in first, or the administrator enrols you with the recovery key (&apos;python main.py key enrol {account}&apos;).</source>
        <translation>密码正确，但尚不能打开本机数据。请先由在本机办理过业务的窗口人员登录，或由管理员使用恢复密钥为您登记（“python main.py key enrol {account}”）。</translation>
    </message>
    <message>
        <source>That recovery key does not open this workstation&apos;s data.</source>
        <translation>该恢复密钥无法打开本机数据。</translation>
    </message>
    <message>
        <source>This case&apos;s personal data was removed from this PC after the retention period; the platform keeps the case file.</source>
        <translation>本件的个人信息已超过本机保存期限并被清除；案卷由省平台保存。</translation>
    </message>
    <message>
        <source>The backup file cannot be read: wrong passphrase, or the file is damaged or incomplete ({reason}). Nothing was changed.</source>
        <translation>备份文件无法读取：口令错误，或文件已损坏、不完整（{reason}）。未做任何更改。</translation>
    </message>
    <message>
        <source>A backup is restored only onto a new, empty workstation: this one already holds cases or queued actions. Nothing was changed.</source>
        <translation>备份只能恢复到新的空白工作台：本机已有办件或待上报数据。未做任何更改。</translation>
    </message>
</context>
</TS>
