<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>errors</name>
    <message>
        <location filename="../../printing/stock.py" line="1" />
        <source>The certificate template {source} cannot be used: {where}: {reason}. Correct the file (or remove it to use the shipped template).</source>
        <translation>证照套打模板 {source} 无法使用：{where}：{reason}。请修改该文件（或删除它以使用随软件提供的模板）。</translation>
    </message>
    <message>
        <location filename="../../printing/stock.py" line="1" />
        <source>“{label}” does not fit its place on the {title} stock even at the smallest type: check the value, or widen the field in the template.</source>
        <translation>“{label}”即使用最小字号也放不进{title}预印纸上的位置：请核对内容，或在模板中加宽该栏。</translation>
    </message>
    <message>
        <location filename="../../printing/stock.py" line="1" />
        <source>The {title} needs “{label}”, which this case does not have yet (the platform has not sent it): the certificate cannot be printed.</source>
        <translation>{title}需要“{label}”，本办件尚无此项（平台尚未下发）：无法打印证照。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/acceptance/results.py" line="1" />
        <source>The back office has not decided this case yet: there is no result to print.</source>
        <translation>后台尚未对本办件作出决定：暂无可打印的办理结果。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/print_service.py" line="1" />
        <source>The calibration kept for the printer {printer} cannot be read: calibrate it again (打印机校准) before printing on pre-printed stock.</source>
        <translation>打印机 {printer} 保存的校准数据无法读取：请重新进行打印机校准后再在预印纸上套打。</translation>
    </message>
</context>
<context>
    <name>results</name>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>result received from the back office</source>
        <translation>收到后台办理结果</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>e-licence identifier refused (not of the GB/T 36904 form)</source>
        <translation>电子证照标识不符合 GB/T 36904 格式，未予记录</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>Print result / certificate (打印结果/证照)</source>
        <translation>打印结果/证照</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>Prints through the certificate printer with its calibration; a second copy is 补打.</source>
        <translation>通过证照打印机按其校准打印；再次打印为补打。</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>Available once the back office has decided the case.</source>
        <translation>后台作出决定后可用。</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>the approval decision</source>
        <translation>准予决定书</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>the denial decision with the applicant's remedies</source>
        <translation>不予决定书（含申请人救济途径）</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>the certificate on pre-printed stock (%1)</source>
        <translation>预印纸套打证照（%1）</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>E-licence identifier</source>
        <translation>电子证照标识</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>the certificate waits for %1 from the platform</source>
        <translation>证照待平台下发%1后打印</translation>
    </message>
    <message>
        <location filename="../acceptance/case_list.py" line="1" />
        <source>no stock template for %1: the certificate is not printed here</source>
        <translation>%1 没有套打模板：证照不在窗口打印</translation>
    </message>
    <message>
        <location filename="../acceptance/result_actions.py" line="1" />
        <source>Result printed: %1.</source>
        <translation>办理结果已打印：%1。</translation>
    </message>
    <message>
        <location filename="../results_wiring.py" line="1" />
        <source>Printer calibration</source>
        <translation>打印机校准</translation>
    </message>
    <message>
        <location filename="../results_wiring.py" line="1" />
        <source>Set the x/y offset of certificates printed on pre-printed stock, per printer</source>
        <translation>按打印机设置预印纸套打证照的横向/纵向偏移</translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <location filename="../calibration_dialog.py" line="1" />
        <source>No printer is off by more than ±%1 mm or scales outside %2–%3: measure the crosses again.</source>
        <translation>打印机的偏移不会超过 ±%1 毫米，缩放不会超出 %2–%3：请重新量取十字标记。</translation>
    </message>
    <message>
        <location filename="../calibration_dialog.py" line="1" />
        <source>Printer calibration (打印机校准)</source>
        <translation>打印机校准</translation>
    </message>
    <message>
        <location filename="../calibration_dialog.py" line="1" />
        <source>1. Print the calibration page</source>
        <translation>1. 打印校准页</translation>
    </message>
    <message>
        <location filename="../calibration_dialog.py" line="1" />
        <source>Also cross B (corrects the printer's scale)</source>
        <translation>同时量取十字 B（校正打印缩放）</translation>
    </message>
    <message>
        <location filename="../calibration_dialog.py" line="1" />
        <source>Printer (print queue)</source>
        <translation>打印机（打印队列）</translation>
    </message>
    <message>
        <location filename="../calibration_dialog.py" line="1" />
        <source>2. Cross A measured: from the left edge, from the top edge</source>
        <translation>2. 十字 A 实测：距左边缘、距上边缘</translation>
    </message>
    <message>
        <location filename="../calibration_dialog.py" line="1" />
        <source>Cross B measured: from the left edge, from the top edge</source>
        <translation>十字 B 实测：距左边缘、距上边缘</translation>
    </message>
    <message>
        <location filename="../calibration_dialog.py" line="1" />
        <source>3. Correction: x offset (+ = right)</source>
        <translation>3. 校正：横向偏移（正值向右）</translation>
    </message>
    <message>
        <location filename="../calibration_dialog.py" line="1" />
        <source>y offset (+ = down)</source>
        <translation>纵向偏移（正值向下）</translation>
    </message>
    <message>
        <location filename="../calibration_dialog.py" line="1" />
        <source>Scale</source>
        <translation>缩放比例</translation>
    </message>
    <message>
        <location filename="../calibration_dialog.py" line="1" />
        <source>4. Save for this printer</source>
        <translation>4. 保存到此打印机</translation>
    </message>
    <message>
        <location filename="../calibration_dialog.py" line="1" />
        <source>5. Print the check page</source>
        <translation>5. 打印核对页</translation>
    </message>
    <message>
        <location filename="../calibration_dialog.py" line="1" />
        <source>Check page with this correction (the crosses must land on their marks)</source>
        <translation>按此校正打印的核对页（十字应正好落在标注位置）</translation>
    </message>
    <message>
        <location filename="../calibration_dialog.py" line="1" />
        <source>Check page sent to %1.</source>
        <translation>核对页已发送到 %1。</translation>
    </message>
    <message>
        <location filename="../calibration_dialog.py" line="1" />
        <source>Calibration page sent to %1: measure crosses A and B from the paper's edges.</source>
        <translation>校准页已发送到 %1：请从纸张边缘量取十字 A 和 B 的位置。</translation>
    </message>
    <message>
        <location filename="../calibration_dialog.py" line="1" />
        <source>Saved for %1: every certificate printed there is moved by it. Print the check page to confirm.</source>
        <translation>已保存到 %1：该打印机套打的每份证照都按此校正。请打印核对页确认。</translation>
    </message>
    <message>
        <location filename="../calibration_dialog.py" line="1" />
        <source>Saved: x %1 mm, y %2 mm, scale %3</source>
        <translation>已保存：横向 %1 mm，纵向 %2 mm，比例 %3</translation>
    </message>
</context>
</TS>
