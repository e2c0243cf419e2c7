<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>tongban</name>
    <message>
        <source>sent to the departments</source>
        <translation>已分发至各承办部门</translation>
    </message>
    <message>
        <source>in progress (办理中)</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>待补正: a department asks for 补正</source>
        <translation>待补正：有部门要求补正材料</translation>
    </message>
    <message>
        <source>办结: every department approved</source>
        <translation>办结：各部门均已审批通过</translation>
    </message>
    <message>
        <source>部分办结: some approved, some denied</source>
        <translation>部分办结：部分子项通过，部分子项不予许可</translation>
    </message>
    <message>
        <source>不予办理: every department denied</source>
        <translation>不予办理：各部门均不予许可</translation>
    </message>
    <message>
        <source>This item is not offered outside its own area (不通办): apply at {where}.</source>
        <translation>本事项不通办，不能在本中心受理，请到{where}办理。</translation>
    </message>
    <message>
        <source>Outside its 通办范围 ({scope}): {body} accepts it only within its area; apply at {where}.</source>
        <translation>超出通办范围（{scope}）：{body}的本事项只能在其辖区内受理，请到{where}办理。</translation>
    </message>
    <message>
        <source>{item} cannot be accepted at this centre. {reason}</source>
        <translation>本中心不能受理“{item}”。{reason}</translation>
    </message>
    <message>
        <source>　[cross-area · decided by {body}]</source>
        <translation>　［跨域通办 · 实施主体：{body}］</translation>
    </message>
    <message>
        <source>　[outside its 通办范围: cannot be accepted here]</source>
        <translation>　［超出通办范围，本中心不能受理］</translation>
    </message>
    <message>
        <source>Parallel approval (并联): sub-cases</source>
        <translation>并联审批子件</translation>
    </message>
    <message>
        <source>bundle state</source>
        <translation>一件事状态</translation>
    </message>
    <message>
        <source>Sub-case number</source>
        <translation>子件编号</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Department / decided by</source>
        <translation>承办部门 / 决定机构</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Cross-area (跨域通办), decided by</source>
        <translation>跨域通办 · 决定机构</translation>
    </message>
    <message>
        <source>Result (出件地)</source>
        <translation>出件地</translation>
    </message>
    <message>
        <source>Past its deadline and not yet decided</source>
        <translation>已超过办理时限，尚未办结</translation>
    </message>
</context>
<context>
    <name>config</name>
    <message>
        <source>6 or 12 digits, or empty</source>
        <translation>6位或12位数字，或留空</translation>
    </message>
</context>
</TS>
