<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../camera_dialog.py" line="21" />
        <source>Document camera</source>
        <translation>高拍仪</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="26" />
        <source>Waiting for pictures from the camera…</source>
        <translation>正在等待高拍仪图像…</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="32" />
        <source>Auto-capture when the document is still</source>
        <translation>材料放稳后自动拍摄</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="34" />
        <source>Capture (Space)</source>
        <translation>拍摄 (空格)</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="37" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../camera_dialog.py" line="73" />
        <source>Captured page {0}</source>
        <translation>已拍摄第 {0} 页</translation>
    </message>
</context>
<context>
    <name>PagePreviewDialog</name>
    <message>
        <location filename="../page_preview.py" line="16" />
        <source>Page {0}</source>
        <translation>第 {0} 页</translation>
    </message>
    <message>
        <location filename="../page_preview.py" line="27" />
        <source>{0} × {1} px · {2} dpi · {3} KB · {4}</source>
        <translation>{0} × {1} 像素 · {2} dpi · {3} KB · {4}</translation>
    </message>
</context>
<context>
    <name>PagesWidget</name>
    <message>
        <location filename="../pages_widget.py" line="213" />
        <source>Scanner or document camera to use</source>
        <translation>要使用的扫描仪或高拍仪</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="217" />
        <source>Look for scanners again (after plugging one in)</source>
        <translation>重新查找扫描仪（接入设备后）</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="221" />
        <source>Colour</source>
        <translation>彩色</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="221" />
        <source>Grayscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="222" />
        <source>Black and white</source>
        <translation>黑白</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="225" />
        <source>Adjust</source>
        <translation>调整</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="226" />
        <source>Crop to the paper and straighten skewed pages</source>
        <translation>裁去纸张以外的部分并纠正歪斜</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="230" />
        <source>Crop to the document edges</source>
        <translation>按材料边缘裁切</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="233" />
        <source>Straighten skewed pages</source>
        <translation>纠正歪斜页面</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="237" />
        <source>Feeder</source>
        <translation>进纸器</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="238" />
        <source>Scan every page in the document feeder</source>
        <translation>扫描进纸器中的全部页面</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="239" />
        <source>Scan (F6)</source>
        <translation>扫描 (F6)</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="242" />
        <source>Import files…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="244" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="252" />
        <source>Original verified · archive copy stamped</source>
        <translation>已核验原件 · 存档件加盖核对章</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="255" />
        <source>此件经与原件核对无误 (B-level) is stamped on the archived PDF</source>
        <translation>存档 PDF 将加盖“此件经与原件核对无误”（B 级）</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="273" />
        <location filename="../pages_widget.py" line="626" />
        <source>Rotate left</source>
        <translation>向左旋转</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="279" />
        <source>Move the page earlier</source>
        <translation>页面前移</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="282" />
        <source>Move the page later</source>
        <translation>页面后移</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="284" />
        <source>Rescan page</source>
        <translation>重扫此页</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="286" />
        <location filename="../pages_widget.py" line="634" />
        <source>Delete page</source>
        <translation>删除页面</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="318" />
        <source>No pages yet. Press F6 to scan, or import files; drag pages here from another material.</source>
        <translation>尚无页面。按 F6 扫描，或导入文件；也可从其他材料拖入页面。</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="332" />
        <source>{0} — training, not a real scanner</source>
        <translation>{0} — 培训用，非真实扫描仪</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="335" />
        <source>No scanner found</source>
        <translation>未找到扫描仪</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="357" />
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="358" />
        <source>Page {0}: {1} × {2} px, {3}, {4}</source>
        <translation>第 {0} 页：{1} × {2} 像素，{3}，{4}</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="365" />
        <source>{0} pages · {1}</source>
        <translation>共 {0} 页 · {1}</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="367" />
        <source> of {0}</source>
        <translation> / 上限 {0}</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="499" />
        <source>Page {0}: %p%</source>
        <translation>第 {0} 页：%p%</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="532" />
        <source>Import pages</source>
        <translation>导入页面</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="532" />
        <source>Scans and pictures (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
        <translation>扫描件和图片 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="276" />
        <location filename="../pages_widget.py" line="625" />
        <source>Rotate right</source>
        <translation>向右旋转</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="624" />
        <source>View page</source>
        <translation>查看页面</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="627" />
        <source>Rescan this page</source>
        <translation>重扫此页</translation>
    </message>
    <message>
        <location filename="../pages_widget.py" line="630" />
        <source>Move to material</source>
        <translation>移至其他材料</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../devices/scanner/errors.py" line="13" />
        <source>The scanner reported an error: {reason}</source>
        <translation>扫描仪报告错误：{reason}</translation>
    </message>
    <message>
        <location filename="../../devices/scanner/errors.py" line="17" />
        <source>No scanner or document camera is connected or switched on.</source>
        <translation>未连接扫描仪或高拍仪，或设备未开机。</translation>
    </message>
    <message>
        <location filename="../../devices/scanner/errors.py" line="21" />
        <source>The selected scanner is no longer available. Check the cable and power, then choose it again.</source>
        <translation>所选扫描仪已不可用。请检查连接线和电源，然后重新选择。</translation>
    </message>
    <message>
        <location filename="../../devices/scanner/errors.py" line="27" />
        <source>The scanner is busy (another program or scan is using it). Wait a moment and try again.</source>
        <translation>扫描仪正忙（其他程序或扫描正在使用）。请稍候再试。</translation>
    </message>
    <message>
        <location filename="../../devices/scanner/errors.py" line="33" />
        <source>Paper jam in the scanner. Open the feeder, remove the paper and scan again.</source>
        <translation>扫描仪卡纸。请打开进纸器，取出纸张后重新扫描。</translation>
    </message>
    <message>
        <location filename="../../devices/scanner/errors.py" line="39" />
        <source>The scanner cover is open. Close it and scan again.</source>
        <translation>扫描仪盖板未合上。请合上后重新扫描。</translation>
    </message>
    <message>
        <location filename="../../devices/scanner/errors.py" line="43" />
        <source>There is no paper in the document feeder. Put the pages in and scan again.</source>
        <translation>进纸器中没有纸张。请放入材料后重新扫描。</translation>
    </message>
    <message>
        <location filename="../../devices/scanner/errors.py" line="47" />
        <source>The connection to the scanner failed during the scan. Check the cable and scan again.</source>
        <translation>扫描过程中与扫描仪的连接中断。请检查连接线后重新扫描。</translation>
    </message>
    <message>
        <location filename="../../devices/scanner/errors.py" line="53" />
        <source>The scanner is warming up or not ready. Wait a moment and scan again.</source>
        <translation>扫描仪正在预热或尚未就绪。请稍候再扫描。</translation>
    </message>
    <message>
        <location filename="../../devices/scanner/errors.py" line="57" />
        <source>The document camera has not delivered a picture yet. Check that it is connected and try again.</source>
        <translation>高拍仪尚未传回图像。请检查连接后重试。</translation>
    </message>
    <message>
        <location filename="../../devices/scanner/errors.py" line="63" />
        <source>The scanner does not support this setting: {setting}</source>
        <translation>扫描仪不支持此设置：{setting}</translation>
    </message>
    <message>
        <location filename="../../clerk_app/pages/errors.py" line="10" />
        <source>The page could not be processed.</source>
        <translation>页面无法处理。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/pages/errors.py" line="14" />
        <source>This file is not a picture or PDF the workstation can read. Use JPEG, PNG, TIFF or PDF.</source>
        <translation>此文件不是可识别的图片或 PDF。请使用 JPEG、PNG、TIFF 或 PDF 格式。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/pages/errors.py" line="20" />
        <source>The file is damaged or incomplete (for example a copy that was interrupted). Scan or copy it again.</source>
        <translation>文件已损坏或不完整（例如复制中断）。请重新扫描或复制。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/pages/errors.py" line="26" />
        <source>The picture is too large ({megapixels} million pixels). Scan at 300 dpi or less, or reduce it first.</source>
        <translation>图片过大（{megapixels} 百万像素）。请以 300 dpi 或更低分辨率扫描，或先缩小图片。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/pages/errors.py" line="33" />
        <source>The file is too large ({size_mb} MB; at most {limit_mb} MB).</source>
        <translation>文件过大（{size_mb} MB，上限 {limit_mb} MB）。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/pages/errors.py" line="37" />
        <source>The PDF has {pages} pages; at most {limit} pages can be imported at once.</source>
        <translation>该 PDF 共 {pages} 页，一次最多可导入 {limit} 页。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/pages/errors.py" line="41" />
        <source>This material would be {total_kb} KB, over its limit of {limit_kb} KB. Scan in grayscale or black and white, or remove pages that are not needed.</source>
        <translation>该材料将达到 {total_kb} KB，超过上限 {limit_kb} KB。请改用灰度或黑白扫描，或删除不需要的页面。</translation>
    </message>
    <message>
        <location filename="../../clerk_app/pages/errors.py" line="49" />
        <source>This page is already in the case (material {material}).</source>
        <translation>此页面已在本办件中（材料：{material}）。</translation>
    </message>
</context>
<context>
    <name>scanning</name>
    <message>
        <location filename="../scanning_wiring.py" line="19" />
        <source>Scanner: {0}</source>
        <translation>扫描仪：{0}</translation>
    </message>
    <message>
        <location filename="../scanning_wiring.py" line="20" />
        <source>Scanner: simulated (training)</source>
        <translation>扫描仪：模拟（培训）</translation>
    </message>
    <message>
        <location filename="../scanning_wiring.py" line="21" />
        <source>Scanner: none found</source>
        <translation>扫描仪：未找到</translation>
    </message>
    <message>
        <location filename="../scanning_wiring.py" line="22" />
        <source>Scanner: not available</source>
        <translation>扫描仪：不可用</translation>
    </message>
    <message>
        <location filename="../scanning_wiring.py" line="23" />
        <source>Choose a material in the checklist before scanning.</source>
        <translation>请先在材料清单中选择一项材料再扫描。</translation>
    </message>
</context>
</TS>