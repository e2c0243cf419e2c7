<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>errors</name>
    <message>
        <location filename="../../clerk_app/domain/numbering.py" line="37" />
        <source>A case number could not be made: {reason}</source>
        <translation>无法生成办件编号：{reason}</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/numbering.py" line="41" />
        <source>This window has used all {limit} case numbers of the day. Call the hall's IT staff.</source>
        <translation>本窗口今日的 {limit} 个办件编号已全部用完，请联系大厅信息技术人员。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/numbering.py" line="47" />
        <source>The scanned or entered text is not a case number of this system.</source>
        <translation>扫描或输入的内容不是本系统的办件编号。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/case_states.py" line="88" />
        <source>A case in state "{current}" cannot change to "{target}".</source>
        <translation>办件当前状态为“{current}”，不能变更为“{target}”。</translation>
    </message>
    <message>
        <location filename="../../printing/errors.py" line="10" />
        <source>The printer {printer} is not known to the system. Check the printer settings of this window.</source>
        <translation>系统中找不到打印机 {printer}，请检查本窗口的打印机设置。</translation>
    </message>
    <message>
        <location filename="../../printing/errors.py" line="16" />
        <source>No printer is configured and the system has no default printer. Set one up, then print again.</source>
        <translation>未配置打印机，系统也没有默认打印机。请先设置打印机，再重新打印。</translation>
    </message>
    <message>
        <location filename="../../printing/errors.py" line="22" />
        <source>The print service of the system is not running. Start it or call the IT staff, then print again; the case itself is saved.</source>
        <translation>系统打印服务未运行。请启动打印服务或联系信息技术人员后重新打印；办件本身已保存。</translation>
    </message>
    <message>
        <location filename="../../printing/errors.py" line="36" />
        <source>This paper could not be produced: the program that lays out papers stopped on it twice. The case itself is saved; call the IT staff with the case number.</source>
        <translation>该文书无法生成：文书排版程序两次在此文书上异常退出。办件本身已保存；请记下办件编号并联系信息技术人员。</translation>
    </message>
    <message>
        <location filename="../../printing/errors.py" line="30" />
        <source>The printer did not finish the document (state: {state}). Check paper and printer, then reprint.</source>
        <translation>打印机未完成打印（状态：{state}）。请检查纸张和打印机后补打。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/cli/commands/calendar.py" line="79" />
        <source>A time limit cannot be negative.</source>
        <translation>办理时限不能为负数。</translation>
    </message>
</context>
<context>
    <name>rules</name>
    <message>
        <location filename="../../clerk_app/domain/workdays.py" line="39" />
        <source>The official holiday calendar has no data for {years}: the date was computed counting Monday to Friday (without fixed-date public holidays) as working days and may be wrong. Check it against the published holiday notice.</source>
        <translation>官方节假日安排中没有 {years} 年的数据：该日期按周一至周五（扣除固定日期的法定节日）为工作日推算，可能不准确，请以公布的节假日安排为准核对。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/deadlines.py" line="40" />
        <source>On time</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/deadlines.py" line="41" />
        <source>Deadline near</source>
        <translation>临近时限</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/deadlines.py" line="42" />
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/deadlines.py" line="43" />
        <source>Clock stopped</source>
        <translation>计时暂停</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/case_states.py" line="64" />
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/case_states.py" line="65" />
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/case_states.py" line="66" />
        <source>Accepted, materials to be supplied</source>
        <translation>容缺受理待补齐</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/case_states.py" line="67" />
        <source>One-time notice issued</source>
        <translation>已一次性告知</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/case_states.py" line="68" />
        <source>Not accepted</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/case_states.py" line="69" />
        <source>Sent to the department</source>
        <translation>已转办</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/case_states.py" line="70" />
        <source>In review</source>
        <translation>审查中</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/case_states.py" line="71" />
        <source>Correction requested</source>
        <translation>补正中</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/case_states.py" line="72" />
        <source>Special procedure</source>
        <translation>特别程序中</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/case_states.py" line="73" />
        <source>Approved</source>
        <translation>审批通过</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/case_states.py" line="74" />
        <source>Denied</source>
        <translation>审批不通过</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/case_states.py" line="75" />
        <source>Ready for pickup</source>
        <translation>待领取</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/case_states.py" line="76" />
        <source>Handed over</source>
        <translation>已领取</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/case_states.py" line="77" />
        <source>Mailed</source>
        <translation>已寄送</translation>
    </message>
    <message>
        <location filename="../../clerk_app/domain/case_states.py" line="78" />
        <source>Concluded</source>
        <translation>已办结</translation>
    </message>
</context>
</TS>