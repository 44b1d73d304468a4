<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgentGrid</name>
    <message>
        <location filename="../../agent_desktop/ui/board/agent_grid.py" line="27" />
        <source>Ready</source>
        <translation>示闲</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/agent_grid.py" line="28" />
        <source>On a call</source>
        <translation>通话中</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/agent_grid.py" line="29" />
        <source>Not ready</source>
        <translation>示忙</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/agent_grid.py" line="30" />
        <source>Wrap-up</source>
        <translation>话后处理</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/agent_grid.py" line="31" />
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/agent_grid.py" line="131" />
        <location filename="../../agent_desktop/ui/board/agent_grid.py" line="137" />
        <source>Agents</source>
        <translation>话务员</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/agent_grid.py" line="133" />
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/agent_grid.py" line="142" />
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
</context>
<context>
    <name>AgentTable</name>
    <message>
        <location filename="../../agent_desktop/ui/board/agent_grid.py" line="51" />
        <source>Agent</source>
        <translation>话务员</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/agent_grid.py" line="51" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/agent_grid.py" line="51" />
        <source>Time in state</source>
        <translation>持续时长</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/agent_grid.py" line="52" />
        <source>Reason</source>
        <translation>示忙原因</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/agent_grid.py" line="52" />
        <source>Calls today</source>
        <translation>今日接听</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/agent_grid.py" line="52" />
        <source>Avg handle time</source>
        <translation>平均处理时长</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/agent_grid.py" line="53" />
        <source>Wrap-up today</source>
        <translation>今日话后时长</translation>
    </message>
</context>
<context>
    <name>AppealSection</name>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="189" />
        <source>Appeal</source>
        <translation>诉求</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="196" />
        <source>One line, e.g. 长海路某小区门口雨后积水</source>
        <translation>一句话概括，如：长海路某小区门口雨后积水</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="199" />
        <source>Who, when, where, what happened, how it developed</source>
        <translation>何人、何时、何地、发生何事、事态进展</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="205" />
        <source>What the caller asks for</source>
        <translation>来电人的诉求</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="210" />
        <source>Company or person the call is about</source>
        <translation>被反映的单位或个人</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="211" />
        <source>Matter</source>
        <translation>事项分类</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="213" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="214" />
        <source>Content</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="215" />
        <source>Caller's request</source>
        <translation>来电人要求</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="216" />
        <source>Reported party</source>
        <translation>被反映对象</translation>
    </message>
</context>
<context>
    <name>AssistBinding</name>
    <message>
        <location filename="../../agent_desktop/ui/assist_binding.py" line="94" />
        <source>A second order for the other issue opens when you submit this one.</source>
        <translation>提交本单后，将自动打开另一件事的第二张工单。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_binding.py" line="105" />
        <source>The second order of the call: same caller and place. Describe the other issue and submit.</source>
        <translation>本次来电的第二张工单：来电人和地点相同。请填写另一件事的内容后提交。</translation>
    </message>
</context>
<context>
    <name>AssistPanel</name>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="34" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="35" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="36" />
        <source>Special group</source>
        <translation>特殊群体</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="37" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="38" />
        <source>Appeal type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="39" />
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="40" />
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="41" />
        <source>Street/town</source>
        <translation>街镇</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="42" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="43" />
        <source>Reported party</source>
        <translation>被反映对象</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="44" />
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="45" />
        <source>Reply required</source>
        <translation>需要回复</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="59" />
        <location filename="../../agent_desktop/ui/assist_panel.py" line="63" />
        <source>Call assistant</source>
        <translation>智能填单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="65" />
        <source>Listens to the call and fills in the order.</source>
        <translation>边听边填：通话内容自动填入工单。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="67" />
        <source>Take all (F3)</source>
        <translation>全部采用 (F3)</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="80" />
        <source>Assistant alerts</source>
        <translation>智能提醒</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="92" />
        <source>Suggested matters</source>
        <translation>推荐事项</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="95" />
        <source>Suggested fields</source>
        <translation>推荐填写</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="112" />
        <location filename="../../agent_desktop/ui/assist_panel.py" line="126" />
        <source>Listening…</source>
        <translation>正在听…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="122" />
        <source>Not available: %1</source>
        <translation>不可用：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="125" />
        <source>Draft complete: review and submit (Ctrl+Enter)</source>
        <translation>草稿已完成：请核对后提交 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="131" />
        <source>The caller also raised: %1.</source>
        <translation>来电人还提到：%1。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="132" />
        <source>Split into a second order</source>
        <translation>拆分为第二张工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="140" />
        <source>Matters:</source>
        <translation>事项：</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/assist_panel.py" line="149" />
        <source>(differs from what you typed: F2)</source>
        <translation>（与已填写内容不同：按 F2 采用）</translation>
    </message>
</context>
<context>
    <name>AttemptsTab</name>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="36" />
        <source>Handed in</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="36" />
        <source>Trainee</source>
        <translation>学员</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="36" />
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="37" />
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="40" />
        <source>Criterion</source>
        <translation>评分项</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="40" />
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="40" />
        <source>Evidence</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="41" />
        <source>A good answer</source>
        <translation>参考答案</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="41" />
        <source>Trainer's note</source>
        <translation>培训师批注</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="45" />
        <source>Override the score…</source>
        <translation>调整评分…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="52" />
        <source>Trainee:</source>
        <translation>学员：</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="79" />
        <source>Everyone</source>
        <translation>全部学员</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="122" />
        <source>not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="125" />
        <source>%1 (was %2): %3</source>
        <translation>%1（原 %2 分）：%3</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="150" />
        <source>Not overridden: %1</source>
        <translation>未能调整：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="164" />
        <source>Score overridden; the original is kept.</source>
        <translation>评分已调整，原分数保留。</translation>
    </message>
</context>
<context>
    <name>Board</name>
    <message>
        <location filename="../../agent_desktop/ui/board/common.py" line="48" />
        <source>%1 min</source>
        <translation>%1分钟</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/common.py" line="51" />
        <source>%1 h</source>
        <translation>%1小时</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/common.py" line="52" />
        <source>%1 d %2 h</source>
        <translation>%1天%2小时</translation>
    </message>
</context>
<context>
    <name>BoardChart</name>
    <message>
        <location filename="../../agent_desktop/ui/board/chart.py" line="56" />
        <source>Orders per 15 min and agents ready, last %1 h</source>
        <translation>近%1小时：每15分钟受理工单数与示闲人数</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/chart.py" line="70" />
        <source>Orders</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/chart.py" line="73" />
        <source>Ready</source>
        <translation>示闲</translation>
    </message>
</context>
<context>
    <name>BoardTiles</name>
    <message>
        <location filename="../../agent_desktop/ui/board/tiles.py" line="52" />
        <source>Ready</source>
        <translation>示闲</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/tiles.py" line="53" />
        <source>On a call</source>
        <translation>通话中</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/tiles.py" line="54" />
        <source>Not ready</source>
        <translation>示忙</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/tiles.py" line="55" />
        <source>Wrap-up</source>
        <translation>话后处理</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/tiles.py" line="56" />
        <source>Near deadline</source>
        <translation>临期工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/tiles.py" line="57" />
        <source>Overdue</source>
        <translation>超期工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/tiles.py" line="58" />
        <source>Extensions to decide</source>
        <translation>待审延期</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/tiles.py" line="59" />
        <source>Hot topics</source>
        <translation>热点</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/tiles.py" line="62" />
        <source>Calls waiting</source>
        <translation>排队来电</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/tiles.py" line="63" />
        <source>Longest wait</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/tiles.py" line="64" />
        <source>Answered within 15 s</source>
        <translation>15秒接通率</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/tiles.py" line="65" />
        <source>Abandoned</source>
        <translation>放弃率</translation>
    </message>
</context>
<context>
    <name>BoardWindow</name>
    <message>
        <location filename="../../agent_desktop/ui/board/window.py" line="51" />
        <source>12345 Hotline — Team lead's board</source>
        <translation>12345热线 — 班组长看板</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/window.py" line="85" />
        <location filename="../../agent_desktop/ui/board/window.py" line="99" />
        <source>Server: %1</source>
        <translation>服务器：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/window.py" line="95" />
        <source>&amp;Board</source>
        <translation>看板(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/window.py" line="96" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/window.py" line="100" />
        <source>Quality evaluation…</source>
        <translation>质检…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/window.py" line="103" />
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/window.py" line="105" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>CallBar</name>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="169" />
        <location filename="../../agent_desktop/ui/call_bar.py" line="170" />
        <source>Agent state</source>
        <translation>坐席状态</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="171" />
        <source>Ready, not ready (with the reason) or the end of wrap-up</source>
        <translation>示闲、示忙（含原因）或结束话后处理</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="173" />
        <source>End wrap-up…</source>
        <translation>结束话后处理…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="198" />
        <location filename="../../agent_desktop/ui/call_bar.py" line="596" />
        <source>Answer</source>
        <translation>接听</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="199" />
        <location filename="../../agent_desktop/ui/call_bar.py" line="472" />
        <location filename="../../agent_desktop/ui/call_bar.py" line="604" />
        <location filename="../../agent_desktop/ui/call_bar.py" line="611" />
        <source>Hang up</source>
        <translation>挂断</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="200" />
        <location filename="../../agent_desktop/ui/call_bar.py" line="477" />
        <location filename="../../agent_desktop/ui/call_bar.py" line="622" />
        <source>Hold</source>
        <translation>保持</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="201" />
        <location filename="../../agent_desktop/ui/call_bar.py" line="481" />
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="202" />
        <location filename="../../agent_desktop/ui/call_bar.py" line="670" />
        <location filename="../../agent_desktop/ui/call_bar.py" line="682" />
        <source>Transfer</source>
        <translation>转接</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="204" />
        <source>Blind transfer to number</source>
        <translation>直接转接到号码</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="205" />
        <source>Consult number first</source>
        <translation>先咨询对方号码</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="208" />
        <source>Hand over to consulted party</source>
        <translation>转给咨询方</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="209" />
        <location filename="../../agent_desktop/ui/call_bar.py" line="687" />
        <source>Three-way conference</source>
        <translation>三方通话</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="211" />
        <source>End consultation, back to caller</source>
        <translation>结束咨询，回到来电人</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="219" />
        <location filename="../../agent_desktop/ui/call_bar.py" line="696" />
        <source>Keypad</source>
        <translation>拨号盘</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="220" />
        <source>Send DTMF digits</source>
        <translation>发送按键音 (DTMF)</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="225" />
        <location filename="../../agent_desktop/ui/call_bar.py" line="227" />
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="226" />
        <source>Number to dial, or to transfer or consult</source>
        <translation>要拨打、转接或咨询的号码</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="232" />
        <location filename="../../agent_desktop/ui/call_bar.py" line="658" />
        <source>Dial</source>
        <translation>外呼</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="288" />
        <source>Answer the ringing call</source>
        <translation>接听来电</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="289" />
        <source>Hang up, or reject a ringing call</source>
        <translation>挂断，或拒接来电</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="290" />
        <source>Hold / resume</source>
        <translation>保持 / 恢复</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="291" />
        <source>Mute / unmute the microphone</source>
        <translation>麦克风静音 / 取消静音</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="292" />
        <source>Transfer the call</source>
        <translation>转接通话</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="293" />
        <source>Call the number</source>
        <translation>拨打该号码</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="412" />
        <source>Softphone not configured</source>
        <translation>软电话未配置</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="416" />
        <source>Ringing</source>
        <translation>振铃</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="418" />
        <source>Dialling</source>
        <translation>呼叫中</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="424" />
        <source>Consulting</source>
        <translation>咨询中</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="426" />
        <source>On hold</source>
        <translation>保持中</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="422" />
        <source>Three-way</source>
        <translation>三方通话中</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="427" />
        <source>On call</source>
        <translation>通话中</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="431" />
        <source>Wrap-up</source>
        <translation>话后处理</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="433" />
        <location filename="../../agent_desktop/ui/call_bar.py" line="550" />
        <source>Ready</source>
        <translation>示闲</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="435" />
        <location filename="../../agent_desktop/ui/call_bar.py" line="558" />
        <source>Not ready</source>
        <translation>示忙</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="436" />
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="450" />
        <source>Unknown number</source>
        <translation>未知号码</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="472" />
        <location filename="../../agent_desktop/ui/call_bar.py" line="609" />
        <source>Reject</source>
        <translation>拒接</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="476" />
        <location filename="../../agent_desktop/ui/call_bar.py" line="620" />
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="480" />
        <source>Unmute</source>
        <translation>取消静音</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="512" />
        <source>No SIP account</source>
        <translation>无 SIP 账号</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="513" />
        <source>Not registered</source>
        <translation>未注册</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="514" />
        <source>Registering…</source>
        <translation>注册中…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="515" />
        <source>Registered</source>
        <translation>已注册</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="516" />
        <source>Registration failed</source>
        <translation>注册失败</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="524" />
        <source>Wrong SIP user name or password</source>
        <translation>SIP 用户名或密码错误</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="526" />
        <source>SIP server not reachable</source>
        <translation>无法连接 SIP 服务器</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="552" />
        <source>Not ready: break</source>
        <translation>示忙：小休</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="553" />
        <source>Not ready: meal</source>
        <translation>示忙：用餐</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="554" />
        <source>Not ready: meeting</source>
        <translation>示忙：会议</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="555" />
        <source>Not ready: training</source>
        <translation>示忙：培训</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="556" />
        <source>Not ready: other</source>
        <translation>示忙：其他</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="578" />
        <source>%1 failed: %2</source>
        <translation>%1失败：%2</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="587" />
        <source>Enter a number first</source>
        <translation>请先输入号码</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="677" />
        <source>Consult</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/call_bar.py" line="692" />
        <source>End consultation</source>
        <translation>结束咨询</translation>
    </message>
</context>
<context>
    <name>CallSection</name>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="96" />
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="102" />
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="106" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="107" />
        <source>Mini program</source>
        <translation>小程序</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="108" />
        <source>App</source>
        <translation>APP</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="108" />
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="109" />
        <source>Official account</source>
        <translation>公众号</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="111" />
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="112" />
        <source>Filled by the softphone</source>
        <translation>由软电话自动填写</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="113" />
        <source>Appeal type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="114" />
        <source>Channel</source>
        <translation>受理渠道</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="115" />
        <source>Call time</source>
        <translation>来电时间</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="116" />
        <source>Call ID</source>
        <translation>通话编号</translation>
    </message>
</context>
<context>
    <name>CallerHistoryPanel</name>
    <message>
        <location filename="../../agent_desktop/ui/order_caller_history.py" line="95" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_caller_history.py" line="95" />
        <source>Order No.</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_caller_history.py" line="95" />
        <source>Matter</source>
        <translation>事项分类</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_caller_history.py" line="96" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_caller_history.py" line="96" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_caller_history.py" line="110" />
        <source>Link to the selected order (Ctrl+L)</source>
        <translation>关联所选工单 (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_caller_history.py" line="158" />
        <source>Looking up earlier orders of %1…</source>
        <translation>正在查询 %1 的历史工单…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_caller_history.py" line="175" />
        <source>Cannot look up earlier orders now (%1). The order can still be submitted.</source>
        <translation>暂时无法查询历史工单（%1），工单仍可提交。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_caller_history.py" line="184" />
        <source>No earlier orders of %1 in the last %2 days.</source>
        <translation>%1 近 %2 天无历史工单。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_caller_history.py" line="188" />
        <source>Earlier orders of %1 in the last %2 days: %3</source>
        <translation>%1 近 %2 天的历史工单：%3 件</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_caller_history.py" line="193" />
        <source>%1 likely repeat (same matter, same place)</source>
        <translation>%1 件疑似重复（同事项、同地点）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_caller_history.py" line="216" />
        <source>likely repeat</source>
        <translation>疑似重复</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_caller_history.py" line="301" />
        <source>Linked to:</source>
        <translation>已关联：</translation>
    </message>
</context>
<context>
    <name>CallerSection</name>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="125" />
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="128" />
        <source>e.g. 王先生</source>
        <translation>如：王先生</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="131" />
        <source>Not stated</source>
        <translation>未说明</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="131" />
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="132" />
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="137" />
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="139" />
        <source>Confidential</source>
        <translation>保密</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="140" />
        <source>Keep the caller's data from the departments</source>
        <translation>不向承办部门提供来电人信息</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="145" />
        <source>Mandarin</source>
        <translation>普通话</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="145" />
        <source>Cantonese</source>
        <translation>粤语</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="146" />
        <source>Shanghainese</source>
        <translation>上海话</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="146" />
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="147" />
        <source>Japanese</source>
        <translation>日语</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="147" />
        <source>Korean</source>
        <translation>韩语</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="147" />
        <source>French</source>
        <translation>法语</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="148" />
        <source>German</source>
        <translation>德语</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="148" />
        <source>Russian</source>
        <translation>俄语</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="148" />
        <source>Spanish</source>
        <translation>西班牙语</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="149" />
        <source>Arabic</source>
        <translation>阿拉伯语</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="149" />
        <source>Sign language</source>
        <translation>手语</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="152" />
        <source>Elderly</source>
        <translation>老年人</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="152" />
        <source>Disabled</source>
        <translation>残疾人</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="153" />
        <source>Foreigner</source>
        <translation>外籍人士</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="153" />
        <source>Minor</source>
        <translation>未成年人</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="154" />
        <source>Veteran</source>
        <translation>退役军人</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="154" />
        <source>Low income</source>
        <translation>困难群众</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="168" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="169" />
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="170" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="172" />
        <source>Earlier orders</source>
        <translation>历史工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="174" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="175" />
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="178" />
        <source>Special group</source>
        <translation>特殊群体</translation>
    </message>
</context>
<context>
    <name>CoDepartmentList</name>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="453" />
        <source>Add a co-handling department: type, then Enter</source>
        <translation>添加协办部门：输入名称后按回车</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="456" />
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="466" />
        <source>Delete removes the selected department</source>
        <translation>按 Delete 删除所选部门</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="496" />
        <source>Click or press Delete to remove</source>
        <translation>点击或按 Delete 删除</translation>
    </message>
</context>
<context>
    <name>DeadlinePanel</name>
    <message>
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="34" />
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="39" />
        <source>Near or past deadline</source>
        <translation>临期/超期工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="37" />
        <source>Order</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="37" />
        <source>Content</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="37" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="38" />
        <source>Resolve by</source>
        <translation>办结时限</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="38" />
        <source>Deadline</source>
        <translation>剩余/超期</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="57" />
        <source>Not yet dispatched</source>
        <translation>待派单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="58" />
        <source>%1 orders, %2 overdue</source>
        <translation>%1件，超期%2件</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="77" />
        <source>Overdue by %1</source>
        <translation>已超期%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="79" />
        <source>%1 left</source>
        <translation>剩余%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="82" />
        <source>[supervised]</source>
        <translation>［已督办］</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="96" />
        <source>Supervised</source>
        <translation>已督办</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="96" />
        <source>Supervise</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="98" />
        <source>Flag the order for key supervision and ask the department to hurry</source>
        <translation>列为重点督办，催促承办部门加快办理</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="105" />
        <source>Approve extension (+%1 d)</source>
        <translation>批准延期（+%1个工作日）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="120" />
        <source>Order %1 is supervised.</source>
        <translation>工单%1已督办。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="129" />
        <source>Extension of order %1 approved.</source>
        <translation>工单%1的延期申请已批准。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/deadlines.py" line="139" />
        <source>Not done: %1</source>
        <translation>未完成：%1</translation>
    </message>
</context>
<context>
    <name>DeadlineView</name>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="538" />
        <source>Sign for</source>
        <translation>签收</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="538" />
        <source>Contact the caller</source>
        <translation>联系来电人</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="539" />
        <source>Resolve</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="556" />
        <source>Choose a matter to see the deadlines.</source>
        <translation>选择事项后显示办理时限。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="560" />
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="561" />
        <source>%1 hours</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="562" />
        <source>1 working day</source>
        <translation>1 个工作日</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="563" />
        <source>%1 working days</source>
        <translation>%1 个工作日</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="572" />
        <source>within %1</source>
        <translation>%1内</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="574" />
        <source>by %1</source>
        <translation>截至 %1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="578" />
        <source>Counted in Chinese working days (holidays and swapped working days included) from now; the server fixes them on submission.</source>
        <translation>按中国工作日（含法定节假日与调休）自当前时间起算；提交时以服务器计算为准。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="581" />
        <source>Beyond the known holiday calendar: approximate.</source>
        <translation>超出已知节假日历：为估算值。</translation>
    </message>
</context>
<context>
    <name>DepartmentBox</name>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="409" />
        <source>Type part of the department's name</source>
        <translation>输入部门名称的一部分</translation>
    </message>
</context>
<context>
    <name>FormTable</name>
    <message>
        <location filename="../../agent_desktop/ui/qa/form_table.py" line="20" />
        <source>Section</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/form_table.py" line="20" />
        <source>Question</source>
        <translation>质检项</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/form_table.py" line="21" />
        <source>Answer</source>
        <translation>评定</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/form_table.py" line="21" />
        <source>Automatic</source>
        <translation>自动评定</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/form_table.py" line="22" />
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/form_table.py" line="35" />
        <location filename="../../agent_desktop/ui/qa/form_table.py" line="39" />
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/form_table.py" line="40" />
        <location filename="../../agent_desktop/ui/qa/form_table.py" line="74" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/form_table.py" line="41" />
        <location filename="../../agent_desktop/ui/qa/form_table.py" line="74" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/form_table.py" line="42" />
        <location filename="../../agent_desktop/ui/qa/form_table.py" line="74" />
        <source>N/A</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/form_table.py" line="54" />
        <source> (critical)</source>
        <translation>（否决项）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/form_table.py" line="62" />
        <source>auto: %1</source>
        <translation>自动：%1</translation>
    </message>
</context>
<context>
    <name>HandlingSection</name>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="256" />
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="305" />
        <source>Handling</source>
        <translation>办理</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="259" />
        <source>Normal</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="260" />
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="261" />
        <source>Especially urgent</source>
        <translation>特急</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="263" />
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="265" />
        <source>Dispatch the order to the responsible department</source>
        <translation>将工单派往承办部门</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="267" />
        <source>Answered directly</source>
        <translation>直接办结</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="268" />
        <source>The caller's question was answered on the phone; the order is closed at once</source>
        <translation>来电人的问题已在电话中答复，工单当即办结</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="278" />
        <source>What you answered the caller (e.g. from the knowledge base)</source>
        <translation>答复来电人的内容（如引用知识库）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="296" />
        <source>Reply to the caller required</source>
        <translation>需回复来电人</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="299" />
        <source>Follow-up call required</source>
        <translation>需回访</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="307" />
        <source>Answer</source>
        <translation>答复内容</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="308" />
        <source>Main department</source>
        <translation>主办部门</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="310" />
        <source>Co-handling</source>
        <translation>协办部门</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="312" />
        <source>Follow-through</source>
        <translation>后续要求</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="314" />
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="316" />
        <source>Deadlines</source>
        <translation>办理时限</translation>
    </message>
</context>
<context>
    <name>HotTopicMap</name>
    <message>
        <location filename="../../agent_desktop/ui/board/hot_topic_map.py" line="23" />
        <source>Loading the map…</source>
        <translation>正在加载地图…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/hot_topic_map.py" line="40" />
        <source>No map: %1</source>
        <translation>无法显示地图：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/hot_topic_map.py" line="43" />
        <source>Hot topics on the map</source>
        <translation>热点地图</translation>
    </message>
</context>
<context>
    <name>HotTopicPanel</name>
    <message>
        <location filename="../../agent_desktop/ui/board/hot_topics.py" line="34" />
        <location filename="../../agent_desktop/ui/board/hot_topics.py" line="37" />
        <source>Hot topics</source>
        <translation>热点</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/hot_topics.py" line="39" />
        <source>No hot topic in the last hours.</source>
        <translation>近几小时没有热点。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/hot_topics.py" line="41" />
        <source>Push notice…</source>
        <translation>推送通知…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/hot_topics.py" line="44" />
        <source>Orders…</source>
        <translation>查看工单…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/hot_topics.py" line="72" />
        <source>%1 · %2: %3 orders since %4 (usually %5 in %6 min)</source>
        <translation>%1 · %2：%4起%3件（平常%6分钟约%5件）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/hot_topics.py" line="80" />
        <source> — linked as one event</source>
        <translation> — 已合并为同一事件</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/hot_topics.py" line="101" />
        <source>Orders: %1</source>
        <translation>工单：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/hot_topics.py" line="119" />
        <source>New hot topic: %1</source>
        <translation>新热点：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/hot_topics.py" line="122" />
        <source>Known issue: %1 in %2 — the matter has been dispatched and is being handled; please tell callers so and take their details.</source>
        <translation>已知情况：%2%1问题已派单，相关部门正在处置；请如实告知来电人并记录其联系方式。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/hot_topics.py" line="137" />
        <source>Notice pushed to all operators.</source>
        <translation>通知已推送给全体话务员。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/hot_topics.py" line="138" />
        <source>Notice not sent: %1</source>
        <translation>通知未发出：%1</translation>
    </message>
</context>
<context>
    <name>Hotkeys</name>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="19" />
        <source>Answer the ringing call</source>
        <translation>接听来电</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="20" />
        <source>Hang up</source>
        <translation>挂断</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="21" />
        <source>Hold / resume</source>
        <translation>保持 / 恢复通话</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="22" />
        <source>Mute / unmute the microphone</source>
        <translation>静音 / 取消静音</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="23" />
        <source>Transfer the call</source>
        <translation>转接通话</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="24" />
        <source>Dial a number</source>
        <translation>拨打号码</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="28" />
        <source>Show this list of hotkeys</source>
        <translation>显示本快捷键列表</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="29" />
        <source>Quit (unsent orders are kept and sent at the next start)</source>
        <translation>退出（未发送的工单保留在本机，下次启动时发送）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="31" />
        <source>Larger / smaller text</source>
        <translation>放大 / 缩小字号</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="44" />
        <source>Show the %1 tab</source>
        <translation>切换到“%1”页</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="53" />
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="54" />
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="55" />
        <source>Work order</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="56" />
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="57" />
        <source>Map</source>
        <translation>地图</translation>
    </message>
</context>
<context>
    <name>HotkeysDialog</name>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="77" />
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="78" />
        <source>Hotkeys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="83" />
        <source>Every hotkey of the workspace</source>
        <translation>工作台的全部快捷键</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="84" />
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/hotkeys_help.py" line="84" />
        <source>Action</source>
        <translation>功能</translation>
    </message>
</context>
<context>
    <name>KnowledgeTab</name>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="202" />
        <source>Loading the knowledge base…</source>
        <translation>正在加载知识库…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="213" />
        <source>Search the knowledge base: a few words, e.g. what the caller says</source>
        <translation>搜索知识库：输入几个词，例如来电人说的话</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="221" />
        <location filename="../../agent_desktop/ui/kb_tab.py" line="436" />
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="230" />
        <source>Remove the matter filter</source>
        <translation>取消事项筛选</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="289" />
        <source>Add to or remove from favourites (Ctrl+D)</source>
        <translation>加入或移出收藏（Ctrl+D）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="301" />
        <source>Quote paragraph to work order</source>
        <translation>引用段落到工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="91" />
        <source>Quote the paragraph (or the selection) into the order's reply</source>
        <translation>把光标所在段落（或选中的文字）引用到工单答复</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="93" />
        <source>Add or remove the article from favourites</source>
        <translation>收藏或取消收藏本文</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="95" />
        <source>Back to the search box</source>
        <translation>回到搜索框</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="98" />
        <source>good match</source>
        <translation>匹配度高</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="99" />
        <source>partial match</source>
        <translation>部分匹配</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="100" />
        <source>weak match</source>
        <translation>匹配度低</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="215" />
        <source>Search the knowledge base</source>
        <translation>搜索知识库</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="216" />
        <source>↓ moves to the results, Enter opens one</source>
        <translation>按↓进入结果列表，回车打开</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="222" />
        <source>Department filter</source>
        <translation>部门筛选</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="255" />
        <source>Knowledge base results</source>
        <translation>知识库搜索结果</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="303" />
        <source>Copies the paragraph under the cursor, or the selected text, into the work order's reply (%1)</source>
        <translation>把光标所在段落或选中的文字引用到工单答复（%1）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="307" />
        <source>Click a paragraph or select text, then quote it.</source>
        <translation>点击段落或选中文字后引用。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="319" />
        <source>Pick a result to read the article.</source>
        <translation>选择一条结果查看文章。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="386" />
        <source>Matter: %1 ✕</source>
        <translation>事项：%1 ✕</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="403" />
        <source>The knowledge base could not be loaded: %1</source>
        <translation>无法加载知识库：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="410" />
        <source>Updating the search index…</source>
        <translation>正在更新搜索索引…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="414" />
        <source>Downloading the knowledge base…</source>
        <translation>正在下载知识库…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="421" />
        <source>Downloading the knowledge base… %1 articles</source>
        <translation>正在下载知识库…已 %1 篇</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="428" />
        <source>Server unreachable: searching the local copy (%1 articles).</source>
        <translation>无法连接服务器：正在搜索本地副本（共 %1 篇）。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="443" />
        <source>Demo articles (not synced with the server yet): %1 articles</source>
        <translation>演示文章（尚未与服务器同步）：共 %1 篇</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="447" />
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="448" />
        <source>%1 articles · last sync %2</source>
        <translation>共 %1 篇 · 上次同步 %2</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="512" />
        <source>No reliable answer for “%1”: the results below match only loosely. Try the formal name of the service, or ask the caller more.</source>
        <translation>“%1”没有找到可靠的答案：下面的结果只是勉强相关。请换用事项的正式名称，或向来电人进一步询问。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="520" />
        <source>Results (%1)</source>
        <translation>结果（%1）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="521" />
        <source>No article matches. Try other words, e.g. the formal name of the service.</source>
        <translation>没有匹配的文章。请换个说法，例如事项的正式名称。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="524" />
        <source>Favourites</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="525" />
        <source>Type a few words to search. Articles you mark with ☆ are listed here.</source>
        <translation>输入几个词即可搜索。用 ☆ 收藏的文章显示在这里。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="555" />
        <source>This article is no longer in the knowledge base.</source>
        <translation>该文章已不在知识库中。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="560" />
        <source>version %1, updated %2</source>
        <translation>第 %1 版，更新于 %2</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="563" />
        <source>valid until %1</source>
        <translation>有效期至 %1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="566" />
        <source>demo content, not official policy</source>
        <translation>演示内容，非官方政策</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="593" />
        <source>Quoted to the work order: %1</source>
        <translation>已引用到工单：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="615" />
        <source>★ Favourite</source>
        <translation>★ 已收藏</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/kb_tab.py" line="615" />
        <source>☆ Favourite</source>
        <translation>☆ 收藏</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="13" />
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="14" />
        <source>Request for help</source>
        <translation>求助</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="15" />
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="16" />
        <source>Report</source>
        <translation>举报</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="17" />
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="18" />
        <source>Praise</source>
        <translation>表扬</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="19" />
        <source>Operator</source>
        <translation>话务员</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="20" />
        <source>Team lead</source>
        <translation>班组长</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="21" />
        <source>Trainer</source>
        <translation>培训师</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="22" />
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="23" />
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="24" />
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="25" />
        <source>Dispatched</source>
        <translation>已派单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="26" />
        <source>Signed for</source>
        <translation>已签收</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="27" />
        <source>In progress</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="28" />
        <source>Replied</source>
        <translation>已办结反馈</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="29" />
        <source>Follow-up</source>
        <translation>回访中</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="30" />
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/labels.py" line="31" />
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
</context>
<context>
    <name>LiveCallsPanel</name>
    <message>
        <location filename="../../agent_desktop/ui/board/live_calls.py" line="38" />
        <location filename="../../agent_desktop/ui/board/live_calls.py" line="41" />
        <source>Calls in progress</source>
        <translation>通话中</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/live_calls.py" line="47" />
        <source>Live transcript of the selected call</source>
        <translation>所选通话的实时转写</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/live_calls.py" line="48" />
        <source>Select a call to follow what is said.</source>
        <translation>选择一个通话，实时查看通话内容（文字监听）。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/live_calls.py" line="74" />
        <source>sensitive word: %1</source>
        <translation>敏感词：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/live_calls.py" line="77" />
        <source>long call</source>
        <translation>通话过长</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/live_calls.py" line="80" />
        <source>long silence</source>
        <translation>长时间静默</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/live_calls.py" line="110" />
        <source>Calls in progress (%1)</source>
        <translation>通话中（%1）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/live_calls.py" line="121" />
        <source>Caller</source>
        <translation>市民</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/live_calls.py" line="121" />
        <source>Operator</source>
        <translation>话务员</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../agent_desktop/ui/login_dialog.py" line="36" />
        <source>Sign in — 12345 Hotline Agent Desktop</source>
        <translation>登录 — 12345 热线坐席工作台</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/login_dialog.py" line="39" />
        <source>12345 Hotline Agent Desktop</source>
        <translation>12345 热线坐席工作台</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/login_dialog.py" line="42" />
        <source>Server: %1</source>
        <translation>服务器：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/login_dialog.py" line="46" />
        <location filename="../../agent_desktop/ui/login_dialog.py" line="50" />
        <location filename="../../agent_desktop/ui/login_dialog.py" line="53" />
        <source>Operator ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/login_dialog.py" line="49" />
        <location filename="../../agent_desktop/ui/login_dialog.py" line="51" />
        <location filename="../../agent_desktop/ui/login_dialog.py" line="54" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/login_dialog.py" line="61" />
        <source>This computer has no password store: you will be asked to sign in at every start.</source>
        <translation>本机没有系统密码库：每次启动都需要重新登录。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/login_dialog.py" line="66" />
        <location filename="../../agent_desktop/ui/login_dialog.py" line="112" />
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/login_dialog.py" line="85" />
        <source>Enter your operator ID and password.</source>
        <translation>请输入工号和密码。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/login_dialog.py" line="95" />
        <source>Wrong operator ID or password.</source>
        <translation>工号或密码错误。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/login_dialog.py" line="97" />
        <source>The server refused the sign-in: %1</source>
        <translation>服务器拒绝登录：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/login_dialog.py" line="100" />
        <source>Cannot reach the server. Check the network cable or Wi-Fi, then try again; if it persists, call the IT desk.</source>
        <translation>无法连接服务器。请检查网线或无线网络后重试；如仍无法连接，请联系信息技术支持。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/login_dialog.py" line="112" />
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="90" />
        <source>12345 Hotline Agent Desktop</source>
        <translation>12345 热线坐席工作台</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="126" />
        <source>&amp;Agent</source>
        <translation>坐席(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="127" />
        <source>Sign in again</source>
        <translation>重新登录</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="130" />
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="133" />
        <source>Play a simulated call (demo)</source>
        <translation>播放模拟来电（演示）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="134" />
        <source>Plays a recorded two-speaker call into the live transcript</source>
        <translation>将一段录制的双方通话播放到实时转写中</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="137" />
        <source>Practice with a simulated caller…</source>
        <translation>模拟来电练习…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="138" />
        <source>A training call that answers back; the order goes to the trainer's scoring, never to the live queue</source>
        <translation>会应答的模拟来电；工单交给培训评分，不会进入正式工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="142" />
        <source>My quality evaluations…</source>
        <translation>我的质检…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="145" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="150" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="158" />
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="164" />
        <source>Larger text</source>
        <translation>放大字号</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="168" />
        <source>Smaller text</source>
        <translation>缩小字号</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="173" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="174" />
        <source>Hotkeys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="179" />
        <location filename="../../agent_desktop/ui/main_window.py" line="231" />
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="223" />
        <source>Text size %1 %</source>
        <translation>字号 %1%</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="232" />
        <source>12345 Hotline Agent Desktop %1
Licensed under Apache-2.0.</source>
        <translation>12345 热线坐席工作台 %1
以 Apache-2.0 许可发布。</translation>
    </message>
</context>
<context>
    <name>MapTab</name>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="70" />
        <source>Place words from the call, e.g. 长海路街道这边</source>
        <translation>输入来电中的地点，如：长海路街道这边</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="72" />
        <source>Search</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="75" />
        <source>District areas are approximate</source>
        <translation>区界为示意，非精确边界</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="85" />
        <location filename="../../agent_desktop/ui/map_tab.py" line="104" />
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="88" />
        <location filename="../../agent_desktop/ui/map_tab.py" line="105" />
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="90" />
        <source>Whole city</source>
        <translation>全市</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="97" />
        <source>Use this place</source>
        <translation>使用此地点</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="48" />
        <source>Use the place of the words in the search box in the work order</source>
        <translation>把搜索框中地点的位置填入工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="50" />
        <source>Use the numbered result</source>
        <translation>使用对应编号的结果</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="98" />
        <source>Put this place and its district/street into the work order (Enter on a result, or %1)</source>
        <translation>把该地点及其区、街道填入工单（在结果上按回车，或按 %1）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="101" />
        <source>Place search</source>
        <translation>地点搜索</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="103" />
        <source>Places found</source>
        <translation>找到的地点</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="178" />
        <source>O</source>
        <translation>单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="189" />
        <source>That point is outside %1.</source>
        <translation>该点不在%1范围内。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="268" />
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="269" />
        <source>Street/town</source>
        <translation>街道/镇</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="270" />
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="271" />
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="272" />
        <source>Committee</source>
        <translation>居委/村委</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="273" />
        <source>Landmark</source>
        <translation>地标</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="274" />
        <source>Address</source>
        <translation>详细地址</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="275" />
        <source>Map point</source>
        <translation>地图选点</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="282" />
        <source>(district approximate)</source>
        <translation>（所属区为估计）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="284" />
        <source>(online: %1)</source>
        <translation>（在线：%1）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="324" />
        <source>No place of %1 found in the text.</source>
        <translation>文本中未找到%1的地点。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="327" />
        <source>Not resolved offline: %1 — click the map to place it.</source>
        <translation>离线无法定位：%1 — 请在地图上点选。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="330" />
        <source>Dashed pins mark the district only: streets and estates have no coordinates offline.</source>
        <translation>虚线标记仅表示所在区：离线数据无街道、小区坐标。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/map_tab.py" line="352" />
        <source>Asking the online geocoder…</source>
        <translation>正在查询在线地理编码服务…</translation>
    </message>
</context>
<context>
    <name>MatterPicker</name>
    <message>
        <location filename="../../agent_desktop/ui/matter_picker.py" line="196" />
        <source>Type Chinese, pinyin or initials, e.g. 积水, jishui, ljfl; ↓ to browse</source>
        <translation>输入中文、拼音或首字母，如：积水、jishui、ljfl；按 ↓ 浏览</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/matter_picker.py" line="200" />
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/matter_picker.py" line="201" />
        <source>Browse the catalog level by level (F4)</source>
        <translation>逐级浏览事项目录 (F4)</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/matter_picker.py" line="225" />
        <source>↑↓ move · Enter pick · → open · ← up · Esc close</source>
        <translation>↑↓ 移动 · 回车 选定 · → 展开 · ← 上一级 · Esc 关闭</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/matter_picker.py" line="391" />
        <source>Loading the matter catalog…</source>
        <translation>正在加载事项目录…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/matter_picker.py" line="392" />
        <source>The catalog is being indexed; try again in a moment.</source>
        <translation>事项目录正在建立索引，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/matter_picker.py" line="398" />
        <source>%1 matters for “%2”</source>
        <translation>“%2”匹配 %1 个事项</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/matter_picker.py" line="399" />
        <source>No matter matches “%1”. Try other words, pinyin, or browse (clear the box).</source>
        <translation>没有与“%1”匹配的事项。请换个说法或用拼音，或清空输入框逐级浏览。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/matter_picker.py" line="404" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/matter_picker.py" line="412" />
        <source>Recently used matters, then the whole catalog</source>
        <translation>最近使用的事项，其后为完整目录</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/matter_picker.py" line="416" />
        <source>Recently and often used</source>
        <translation>最近与常用</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/matter_picker.py" line="419" />
        <source>Browse the catalog</source>
        <translation>浏览目录</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/matter_picker.py" line="439" />
        <source>keyword</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/matter_picker.py" line="460" />
        <source>%1 matters</source>
        <translation>%1 个事项</translation>
    </message>
</context>
<context>
    <name>MyOrdersPanel</name>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="57" />
        <source>Order number or caller's phone, then Enter</source>
        <translation>工单编号或来电人电话，按回车查找</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="58" />
        <source>Find an order</source>
        <translation>查找工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="62" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="71" />
        <source>Orders waiting on this PC</source>
        <translation>本机待发送的工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="76" />
        <source>Orders accepted by the server</source>
        <translation>服务器已受理的工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="91" />
        <source>Order detail</source>
        <translation>工单详情</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="109" />
        <location filename="../../agent_desktop/ui/my_orders.py" line="130" />
        <source>Accepted today (%1)</source>
        <translation>今日已受理（%1）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="134" />
        <source>Waiting on this PC (%1)</source>
        <translation>本机待发送（%1）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="140" />
        <source>not accepted: %1</source>
        <translation>未被受理：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="142" />
        <source>sending… (try %1)</source>
        <translation>发送中…（第 %1 次）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="157" />
        <location filename="../../agent_desktop/ui/my_orders.py" line="217" />
        <source>overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="158" />
        <source>resolve by %1</source>
        <translation>%1 前办结</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="171" />
        <source>Cannot reach the server (%1); the list may be old.</source>
        <translation>无法连接服务器（%1），列表可能不是最新。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="188" />
        <source>Found (%1)</source>
        <translation>查找结果（%1）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="189" />
        <source>No order with that number or phone.</source>
        <translation>没有该编号或电话的工单。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="207" />
        <source>Cannot load the order: %1</source>
        <translation>无法加载工单：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="217" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="219" />
        <source>Appeal type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="220" />
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="221" />
        <source>Department</source>
        <translation>承办部门</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="223" />
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="225" />
        <source>Created</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="227" />
        <source>Sign by</source>
        <translation>签收期限</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="227" />
        <source>Contact by</source>
        <translation>联系期限</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="228" />
        <source>Resolve by</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="236" />
        <source>Department reply</source>
        <translation>部门答复</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="244" />
        <source>History</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/my_orders.py" line="250" />
        <source>Pick an order to see its status, deadlines, the department's reply and its history.</source>
        <translation>选择一张工单，查看其状态、期限、部门答复和办理记录。</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <location filename="../../agent_desktop/ui/notice_banner.py" line="21" />
        <source>Notice from the team lead</source>
        <translation>班组长通知</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/notice_banner.py" line="22" />
        <source>Notice:</source>
        <translation>通知：</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/notice_banner.py" line="29" />
        <location filename="../../agent_desktop/ui/notice_banner.py" line="30" />
        <source>Hide this notice</source>
        <translation>隐藏此通知</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <location filename="../../agent_desktop/ui/board/notice_dialog.py" line="15" />
        <source>Push a notice to all operators</source>
        <translation>向全体话务员推送通知</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/notice_dialog.py" line="17" />
        <source>Notice text</source>
        <translation>通知内容</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/notice_dialog.py" line="22" />
        <source>Push</source>
        <translation>推送</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/notice_dialog.py" line="26" />
        <source>Every operator sees this at the top of the workspace. Say what is known and what to tell callers.</source>
        <translation>全体话务员将在工作台顶部看到此通知。请写明已掌握的情况以及如何答复来电人。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/notice_dialog.py" line="40" />
        <source>%1 / %2 characters</source>
        <translation>%1 / %2 字</translation>
    </message>
</context>
<context>
    <name>OrderShortcuts</name>
    <message>
        <location filename="../../agent_desktop/ui/order_shortcuts.py" line="11" />
        <source>Submit the work order</source>
        <translation>提交工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_shortcuts.py" line="12" />
        <source>Save the draft now (it is also saved as you type)</source>
        <translation>立即保存草稿（输入时也会自动保存）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_shortcuts.py" line="14" />
        <source>New work order (clear the form)</source>
        <translation>新建工单（清空表单）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_shortcuts.py" line="15" />
        <source>Jump to the matter picker and browse the catalog</source>
        <translation>跳到事项分类并浏览目录</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_shortcuts.py" line="17" />
        <source>Link the new order to the selected earlier order of the caller</source>
        <translation>将新工单关联到来电人所选的历史工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_shortcuts.py" line="19" />
        <source>Take the assistant's suggestion for this field</source>
        <translation>采用本栏的智能推荐</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_shortcuts.py" line="21" />
        <source>Take all the assistant's suggestions</source>
        <translation>采用全部智能推荐</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_shortcuts.py" line="23" />
        <source>Show this list of hotkeys</source>
        <translation>显示本快捷键列表</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_shortcuts.py" line="28" />
        <source>Move in the matter list</source>
        <translation>在事项列表中移动</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_shortcuts.py" line="29" />
        <source>Pick the matter, or open the level</source>
        <translation>选定事项，或展开该级</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_shortcuts.py" line="30" />
        <source>Open a level / go up a level</source>
        <translation>展开一级 / 返回上一级</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_shortcuts.py" line="31" />
        <source>Close the list, keep the chosen matter</source>
        <translation>关闭列表，保留已选事项</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_shortcuts.py" line="32" />
        <source>Next / previous field</source>
        <translation>下一个 / 上一个字段</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <location filename="../../agent_desktop/ui/trainer/override_dialog.py" line="15" />
        <source>Override a score</source>
        <translation>调整评分</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/override_dialog.py" line="24" />
        <source>Why (the trainee sees it)</source>
        <translation>调整理由（学员可见）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/override_dialog.py" line="37" />
        <source>Criterion</source>
        <translation>评分项</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/override_dialog.py" line="38" />
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/override_dialog.py" line="39" />
        <source>Comment</source>
        <translation>批注</translation>
    </message>
</context>
<context>
    <name>PhoneList</name>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="247" />
        <source>+ Add another number</source>
        <translation>+ 添加号码</translation>
    </message>
</context>
<context>
    <name>PhoneRow</name>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="166" />
        <source>Mobile or landline, e.g. 13800138000 or 021-12345678 ext. 123</source>
        <translation>手机或固话，如：13800138000 或 021-12345678转123</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sections.py" line="173" />
        <source>Remove this number</source>
        <translation>删除此号码</translation>
    </message>
</context>
<context>
    <name>PlaceSection</name>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="224" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="225" />
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="243" />
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="227" />
        <source>Street or town</source>
        <translation>街道/镇</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="232" />
        <source>Road, number, estate, building, landmark</source>
        <translation>路名门牌、小区、楼栋、地标</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="233" />
        <source>Pick the spot on the map tab</source>
        <translation>在“地图”页点选位置</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="235" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="244" />
        <source>Street/town</source>
        <translation>街道/镇</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="245" />
        <source>Address</source>
        <translation>详细地址</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form_sections.py" line="246" />
        <source>Coordinates</source>
        <translation>坐标</translation>
    </message>
</context>
<context>
    <name>ProgressChart</name>
    <message>
        <location filename="../../agent_desktop/ui/trainer/progress_chart.py" line="21" />
        <location filename="../../agent_desktop/ui/trainer/progress_chart.py" line="46" />
        <source>Progress</source>
        <translation>成绩走势</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/progress_chart.py" line="33" />
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/progress_chart.py" line="34" />
        <source>Attempt</source>
        <translation>练习次序</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/progress_chart.py" line="37" />
        <source>% of the points</source>
        <translation>得分率（%）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/progress_chart.py" line="45" />
        <source>Progress of %1</source>
        <translation>%1 的成绩走势</translation>
    </message>
</context>
<context>
    <name>QaWindow</name>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="36" />
        <source>Quality evaluation</source>
        <translation>质检</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="37" />
        <source>My evaluations</source>
        <translation>我的质检</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="44" />
        <location filename="../../agent_desktop/ui/qa/window.py" line="45" />
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="44" />
        <location filename="../../agent_desktop/ui/qa/window.py" line="161" />
        <source>Operator</source>
        <translation>话务员</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="44" />
        <source>Utterances</source>
        <translation>语句数</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="44" />
        <source>Evaluation</source>
        <translation>质检状态</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="45" />
        <source>Evaluated</source>
        <translation>质检时间</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="45" />
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="46" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="64" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="65" />
        <source>Complete</source>
        <translation>完成质检</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="66" />
        <source>Acknowledge</source>
        <translation>确认已阅</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="67" />
        <source>Agreement with the automatic answers…</source>
        <translation>自动评定一致率…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="84" />
        <source>Transcript</source>
        <translation>通话转写</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="86" />
        <source>Work order</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="117" />
        <source>not evaluated</source>
        <translation>未质检</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="131" />
        <source>Agreement with the automatic answers</source>
        <translation>自动评定一致率</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="132" />
        <source>Question</source>
        <translation>质检项</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="132" />
        <source>Reviewed</source>
        <translation>人工复核次数</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="133" />
        <source>Kept as answered</source>
        <translation>与自动评定一致</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="145" />
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="145" />
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="146" />
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="161" />
        <source>Caller</source>
        <translation>市民</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="168" />
        <source>Request: %1</source>
        <translation>诉求：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="169" />
        <source>No work order was taken on this call.</source>
        <translation>此通话未生成工单。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="192" />
        <source>Score: %1 · %2</source>
        <translation>得分：%1 · %2</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="195" />
        <source> · failed on a critical question</source>
        <translation> · 触犯否决项</translation>
    </message>
    <message numerus="yes">
        <location filename="../../agent_desktop/ui/qa/window.py" line="197" />
        <source> · %n unanswered</source>
        <translation>
            <numerusform> · %n 项未评定</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="210" />
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="214" />
        <source>Completed; the operator will see it.</source>
        <translation>质检已完成，话务员将看到结果。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="215" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/qa/window.py" line="223" />
        <source>Acknowledged.</source>
        <translation>已确认。</translation>
    </message>
</context>
<context>
    <name>ScenarioPicker</name>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="50" />
        <source>Practice with a simulated caller</source>
        <translation>模拟来电练习</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="55" />
        <source>Filter by title, appeal type or difficulty</source>
        <translation>按标题、诉求类型或难度筛选</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="58" />
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="58" />
        <source>Appeal type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="59" />
        <source>Difficulty</source>
        <translation>难度</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="74" />
        <source>Answer as on a real call: greet, listen, ask, read the number back, fill the order and submit with Ctrl+Enter. The order is scored, never sent to a department.</source>
        <translation>像真实来电一样应答：问候、倾听、询问、复述号码，填写工单并按 Ctrl+Enter 提交。工单只用于评分，不会派往部门。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="79" />
        <source>Answer the call</source>
        <translation>接听来电</translation>
    </message>
</context>
<context>
    <name>ScenariosTab</name>
    <message>
        <location filename="../../agent_desktop/ui/trainer/scenarios_tab.py" line="32" />
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/scenarios_tab.py" line="32" />
        <source>Appeal type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/scenarios_tab.py" line="33" />
        <source>Difficulty</source>
        <translation>难度</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/scenarios_tab.py" line="33" />
        <source>Changed by</source>
        <translation>修改人</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/scenarios_tab.py" line="38" />
        <source>The scenario as JSON</source>
        <translation>场景（JSON）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/scenarios_tab.py" line="42" />
        <source>New from this one</source>
        <translation>以此为模板新建</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/scenarios_tab.py" line="44" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/scenarios_tab.py" line="97" />
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/scenarios_tab.py" line="100" />
        <source>A new scenario: change its id, title and lines, then save.</source>
        <translation>新场景：请修改编号、标题和台词后保存。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/scenarios_tab.py" line="106" />
        <source>Not valid JSON: %1</source>
        <translation>JSON 格式有误：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/scenarios_tab.py" line="109" />
        <source>A scenario is a JSON object.</source>
        <translation>场景应为一个 JSON 对象。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/scenarios_tab.py" line="118" />
        <source>Not saved:</source>
        <translation>未保存：</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/scenarios_tab.py" line="122" />
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/scenarios_tab.py" line="123" />
        <source>Scenario saved.</source>
        <translation>场景已保存。</translation>
    </message>
</context>
<context>
    <name>ScoreDialog</name>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="196" />
        <source>Your score — %1</source>
        <translation>您的评分 — %1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="198" />
        <source>Total: %1 / 100</source>
        <translation>总分：%1 / 100</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="202" />
        <source>Criterion</source>
        <translation>评分项</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="202" />
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="203" />
        <source>What you did</source>
        <translation>您的表现</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="203" />
        <source>A good answer</source>
        <translation>参考答案</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="213" />
        <source>not assessed</source>
        <translation>未评估</translation>
    </message>
</context>
<context>
    <name>SentList</name>
    <message>
        <location filename="../../agent_desktop/ui/order_sent_list.py" line="25" />
        <source>Sent from this PC</source>
        <translation>本机发送</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sent_list.py" line="28" />
        <source>Waiting or refused</source>
        <translation>待发送或被退回</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sent_list.py" line="30" />
        <source>Double-click an order the server refused to correct it</source>
        <translation>双击被服务器退回的工单进行修改</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sent_list.py" line="34" />
        <source>Accepted by the server</source>
        <translation>服务器已受理</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sent_list.py" line="36" />
        <source>Orders the server has numbered</source>
        <translation>已取得工单编号的工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sent_list.py" line="37" />
        <source>Nothing sent from this PC yet.</source>
        <translation>本机尚未发送工单。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sent_list.py" line="64" />
        <source>No. %1</source>
        <translation>编号 %1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sent_list.py" line="67" />
        <source>refused — double-click to correct</source>
        <translation>被退回——双击修改</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_sent_list.py" line="69" />
        <source>queued, not yet sent</source>
        <translation>排队中，尚未发送</translation>
    </message>
</context>
<context>
    <name>Splash</name>
    <message>
        <location filename="../../agent_desktop/ui/splash.py" line="15" />
        <source>12345 Hotline Agent Desktop</source>
        <translation>12345 热线坐席工作台</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/splash.py" line="18" />
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../agent_desktop/ui/status_bar.py" line="27" />
        <source>Server connection</source>
        <translation>服务器连接</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/status_bar.py" line="43" />
        <location filename="../../agent_desktop/ui/status_bar.py" line="94" />
        <source>not configured</source>
        <translation>未配置</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/status_bar.py" line="44" />
        <source>off</source>
        <translation>未启用</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/status_bar.py" line="47" />
        <source>embedded demo server</source>
        <translation>内置演示服务器</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/status_bar.py" line="60" />
        <source>Server connected</source>
        <translation>服务器已连接</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/status_bar.py" line="62" />
        <source>Server unreachable — orders are kept and sent automatically when it is back</source>
        <translation>服务器连接中断 — 工单已保存在本机，恢复后自动发送</translation>
    </message>
    <message numerus="yes">
        <location filename="../../agent_desktop/ui/status_bar.py" line="66" />
        <source>retrying in %n s</source>
        <translation>
            <numerusform>%n 秒后重试</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/status_bar.py" line="67" />
        <source>Reconnect now</source>
        <translation>立即重连</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/status_bar.py" line="70" />
        <source>Connecting to server…</source>
        <translation>正在连接服务器…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../agent_desktop/ui/status_bar.py" line="77" />
        <source>Outbox: %n waiting</source>
        <translation>
            <numerusform>待发送：%n 件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/status_bar.py" line="79" />
        <source>sign in again to send (Agent menu)</source>
        <translation>请重新登录后发送（坐席菜单）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/status_bar.py" line="81" />
        <source>Work orders saved on this PC and not yet acknowledged by the server</source>
        <translation>已保存在本机、尚未被服务器确认的工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/status_bar.py" line="85" />
        <source>Softphone: %1</source>
        <translation>软电话：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/status_bar.py" line="90" />
        <source>registered</source>
        <translation>已注册</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/status_bar.py" line="91" />
        <source>registering…</source>
        <translation>正在注册…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/status_bar.py" line="92" />
        <source>registration failed</source>
        <translation>注册失败</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/status_bar.py" line="93" />
        <source>not registered</source>
        <translation>未注册</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/status_bar.py" line="98" />
        <source>Transcription: %1</source>
        <translation>转写：%1</translation>
    </message>
</context>
<context>
    <name>SuggestionBinder</name>
    <message>
        <location filename="../../agent_desktop/ui/order_suggestions.py" line="54" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_suggestions.py" line="54" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_suggestions.py" line="82" />
        <source>The assistant heard: %1 (F2 takes it)</source>
        <translation>智能填单听到：%1（按 F2 采用）</translation>
    </message>
</context>
<context>
    <name>SupervisionBanner</name>
    <message>
        <location filename="../../agent_desktop/ui/supervision_banner.py" line="19" />
        <source>A team lead is on the line</source>
        <translation>班长在线</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/supervision_banner.py" line="27" />
        <source>The team lead is listening to this call</source>
        <translation>班长正在监听本通话</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/supervision_banner.py" line="28" />
        <source>The team lead is whispering to you (the caller cannot hear)</source>
        <translation>班长正在耳语（来电人听不到）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/supervision_banner.py" line="30" />
        <source>The team lead has joined the call</source>
        <translation>班长正在插话（三方通话）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/supervision_banner.py" line="40" />
        <source>(connecting…)</source>
        <translation>（正在接通…）</translation>
    </message>
</context>
<context>
    <name>SupervisionBar</name>
    <message>
        <location filename="../../agent_desktop/ui/board/supervision.py" line="37" />
        <source>Listen</source>
        <translation>监听</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/supervision.py" line="37" />
        <source>Hear the caller and the operator</source>
        <translation>听取来电人和话务员的通话</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/supervision.py" line="38" />
        <source>Whisper</source>
        <translation>耳语</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/supervision.py" line="38" />
        <source>Speak to the operator only</source>
        <translation>只对话务员说话</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/supervision.py" line="39" />
        <source>Barge in</source>
        <translation>插话</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/supervision.py" line="39" />
        <source>Join the call: everyone hears you</source>
        <translation>加入通话：双方都能听到您</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/supervision.py" line="40" />
        <source>Leave</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/supervision.py" line="40" />
        <source>Hang up your line to this call</source>
        <translation>挂断您在本通话中的线路</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/supervision.py" line="53" />
        <source>Select a call first.</source>
        <translation>请先选择一通电话。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/supervision.py" line="61" />
        <source>Listening</source>
        <translation>监听中</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/supervision.py" line="61" />
        <source>Whispering</source>
        <translation>耳语中</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/supervision.py" line="62" />
        <source>In the call</source>
        <translation>插话中</translation>
    </message>
</context>
<context>
    <name>TopicOrdersDialog</name>
    <message>
        <location filename="../../agent_desktop/ui/board/topic_orders.py" line="23" />
        <source>Orders of the hot topic</source>
        <translation>热点工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/topic_orders.py" line="28" />
        <source>Number</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/topic_orders.py" line="28" />
        <source>Taken at</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/topic_orders.py" line="29" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/topic_orders.py" line="29" />
        <source>Content</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/topic_orders.py" line="33" />
        <source>Loading the orders…</source>
        <translation>正在加载工单…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/topic_orders.py" line="35" />
        <source>Link as one event</source>
        <translation>合并为同一事件</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/topic_orders.py" line="46" />
        <source>Cannot load the orders: %1</source>
        <translation>无法加载工单：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../agent_desktop/ui/board/topic_orders.py" line="59" />
        <source>%n order(s).</source>
        <translation>
            <numerusform>共 %n 张工单。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/topic_orders.py" line="62" />
        <source>Linked as one event by %1.</source>
        <translation>已由 %1 合并为同一事件。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/board/topic_orders.py" line="74" />
        <source>Not linked: %1</source>
        <translation>未能合并：%1</translation>
    </message>
</context>
<context>
    <name>TrainerWindow</name>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="174" />
        <source>12345 Hotline — Trainer</source>
        <translation>12345热线 — 培训师</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="179" />
        <source>Trainees' attempts</source>
        <translation>学员练习</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="180" />
        <source>Scenarios</source>
        <translation>培训场景</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="188" />
        <source>&amp;Trainer</source>
        <translation>培训(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="189" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="192" />
        <source>Server: %1</source>
        <translation>服务器：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="193" />
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/trainer/window.py" line="194" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="38" />
        <source>Easy</source>
        <translation>简单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="39" />
        <source>Medium</source>
        <translation>中等</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="40" />
        <source>Hard</source>
        <translation>困难</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_binding.py" line="59" />
        <source>Training call</source>
        <translation>培训来电</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_binding.py" line="60" />
        <source>Finish the call in progress first.</source>
        <translation>请先结束当前通话。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_binding.py" line="81" />
        <source>Caller: %1, about %2 years old</source>
        <translation>来电人：%1，约 %2 岁</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_binding.py" line="97" />
        <source>Training call: the assistant is off, the order is yours</source>
        <translation>培训来电，智能填单已关闭，请自己填写工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_binding.py" line="103" />
        <source>The training call stopped: %1</source>
        <translation>培训来电中断：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_binding.py" line="169" />
        <source> (not saved: the server could not be reached)</source>
        <translation>（未保存：无法连接服务器）</translation>
    </message>
</context>
<context>
    <name>TrainingBar</name>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="116" />
        <source>Training call — %1</source>
        <translation>培训来电 — %1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="121" />
        <source>The caller waits for your greeting.</source>
        <translation>来电人正在等待您的问候。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="129" />
        <source>Type what you say to the caller and press Enter</source>
        <translation>输入您要对来电人说的话，按回车发送</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="130" />
        <source>Or type what you say and press Enter</source>
        <translation>也可输入您要说的话，按回车发送</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="132" />
        <source>Hang up</source>
        <translation>挂断</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="162" />
        <source>The caller is speaking…</source>
        <translation>来电人正在说话…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="163" />
        <source>The caller says (no recorded voice for this line):</source>
        <translation>来电人说（此句无录音）：</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="170" />
        <source>No headset: type what you say to the caller and press Enter</source>
        <translation>未找到耳麦：请输入您要对来电人说的话，按回车发送</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="177" />
        <source>Leave without scoring</source>
        <translation>结束练习（不评分）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/training_call.py" line="181" />
        <source>The call has ended. Complete the order and submit it (Ctrl+Enter) to see your score.</source>
        <translation>通话已结束。请完成工单并提交（Ctrl+Enter）查看评分。</translation>
    </message>
</context>
<context>
    <name>TranscriptPanel</name>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="36" />
        <source>Live transcript</source>
        <translation>实时转写</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/main_window.py" line="38" />
        <source>When a call is answered, what the caller and you say appears here, caller and operator apart.</source>
        <translation>接听来电后，来电人和您的讲话将分别实时显示在这里。</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <location filename="../../agent_desktop/ui/transcript_view.py" line="270" />
        <source>Heard “%1”, corrected to “%2”</source>
        <translation>识别为“%1”，已更正为“%2”</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/transcript_view.py" line="73" />
        <location filename="../../agent_desktop/ui/transcript_view.py" line="74" />
        <source>Search transcript</source>
        <translation>搜索转写内容</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/transcript_view.py" line="75" />
        <source>Enter jumps to the next match</source>
        <translation>按回车跳到下一处</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/transcript_view.py" line="81" />
        <location filename="../../agent_desktop/ui/transcript_view.py" line="125" />
        <location filename="../../agent_desktop/ui/transcript_view.py" line="487" />
        <source>Copy to order</source>
        <translation>填入工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/transcript_view.py" line="82" />
        <source>Put the selected text into the work order</source>
        <translation>将选中的文字填入工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/transcript_view.py" line="99" />
        <source>Live transcript</source>
        <translation>实时转写</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/transcript_view.py" line="100" />
        <source>What the caller and the operator say, caller and operator apart</source>
        <translation>来电人和话务员的话，分开显示</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/transcript_view.py" line="103" />
        <source>Listening… the words of the call appear here.</source>
        <translation>正在聆听… 通话内容将显示在这里。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/transcript_view.py" line="116" />
        <source>Jump to latest ↓</source>
        <translation>跳到最新 ↓</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/transcript_view.py" line="131" />
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/transcript_view.py" line="158" />
        <source>Loading the speech model…</source>
        <translation>正在加载语音模型…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/transcript_view.py" line="168" />
        <source>Transcription problem: %1</source>
        <translation>转写出现问题：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/transcript_view.py" line="175" />
        <source>Caller</source>
        <translation>市民</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/transcript_view.py" line="175" />
        <source>Operator</source>
        <translation>话务员</translation>
    </message>
</context>
<context>
    <name>WorkOrderForm</name>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1223" />
        <location filename="../../agent_desktop/ui/order_form.py" line="1253" />
        <source>Please correct the marked fields.</source>
        <translation>请修改标红的字段。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1243" />
        <source>Saved on this PC, sending to the server…</source>
        <translation>已保存在本机，正在发送到服务器…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1404" />
        <source>Work order accepted. Number: %1</source>
        <translation>工单已受理，编号：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1446" />
        <source>The server did not accept the order: %1. Correct it and submit again.</source>
        <translation>服务器未受理该工单：%1。请修改后重新提交。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1425" />
        <source>The server is unreachable. The order is saved on this PC and will be sent automatically; you can go on working.</source>
        <translation>服务器暂时无法连接。工单已保存在本机，恢复后将自动发送；您可以继续工作。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="326" />
        <source>Hotkeys (F1)</source>
        <translation>快捷键 (F1)</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="329" />
        <source>New (Ctrl+N)</source>
        <translation>新建 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="332" />
        <source>Save draft (Ctrl+S)</source>
        <translation>保存草稿 (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="335" />
        <source>Submit (Ctrl+Enter)</source>
        <translation>提交 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="384" />
        <source>Phone %1</source>
        <translation>电话 %1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="600" />
        <source>Choose the district from the list.</source>
        <translation>请从列表中选择区。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="602" />
        <source>Choose the street or town from the list.</source>
        <translation>请从列表中选择街道/镇。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="606" />
        <source>Choose the department from the list.</source>
        <translation>请从列表中选择部门。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="608" />
        <source>Pick a matter from the list (type, then Enter), or press F4 to browse.</source>
        <translation>请从列表中选择事项（输入后按回车），或按 F4 浏览。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="772" />
        <source>Suggested by %1 (%2 %)</source>
        <translation>由%1建议（把握 %2%）</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="784" />
        <source>The unsent work order of %1 was restored from its draft.</source>
        <translation>已从草稿恢复 %1 未发送的工单。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="786" />
        <source>Draft restored</source>
        <translation>草稿已恢复</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="819" />
        <source>Editing…</source>
        <translation>编辑中…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="836" />
        <source>Saving the draft…</source>
        <translation>正在保存草稿…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="842" />
        <source>Draft saved %1</source>
        <translation>草稿已保存 %1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="901" />
        <source>A complaint or report needs the place or the reported party.</source>
        <translation>投诉或举报须填写地点或被反映对象。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="903" />
        <source>Whom does the caller praise?</source>
        <translation>来电人表扬的是谁？</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="931" />
        <source>Choose a matter (and the place) to get a suggested department.</source>
        <translation>选择事项（及地点）后给出建议承办部门。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="935" />
        <source>Suggested:</source>
        <translation>建议：</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="942" />
        <source>Use the suggestion</source>
        <translation>采用建议</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="963" />
        <source>Choose a matter to see the deadlines.</source>
        <translation>选择事项后显示办理时限。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1077" />
        <source>Answer directly instead</source>
        <translation>改为直接办结</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1078" />
        <source>The knowledge-base answer is kept in the reply. If you answered the caller on the phone,</source>
        <translation>知识库答复已放入答复内容。如已当场答复来电人，可</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1100" />
        <source>No earlier order to link: the caller's number has none in the last 90 days.</source>
        <translation>没有可关联的工单：该号码近 90 天无历史工单。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1210" />
        <source>Please correct the marked fields (%1).</source>
        <translation>请修改标红的字段（%1）。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1230" />
        <source>The order could not be saved on this PC (%1). It is kept as a draft; try again.</source>
        <translation>工单未能保存到本机（%1），已保留为草稿，请重试。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1244" />
        <source>Order queued; the form is ready for the next call</source>
        <translation>工单已进入发送队列，可以受理下一个来电</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1262" />
        <source>Training order handed in for scoring; it does not go to the live queue.</source>
        <translation>培训工单已提交评分，不会进入正式工单。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1276" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1277" />
        <source>The form was cleared.</source>
        <translation>表单已清空。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1303" />
        <source>Likely repeat</source>
        <translation>疑似重复工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1304" />
        <source>The caller's order %1 of %2 has the same matter and place. Link the new order to it, or submit it as a new matter?</source>
        <translation>来电人 %2 的工单 %1 与本单事项、地点相同。是关联到该工单，还是作为新诉求提交？</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1310" />
        <source>Link and submit</source>
        <translation>关联并提交</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1311" />
        <source>Submit as new</source>
        <translation>作为新诉求提交</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1312" />
        <source>Back to the form</source>
        <translation>返回修改</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1339" />
        <source>Clear the form first (Ctrl+N), then undo.</source>
        <translation>请先清空表单 (Ctrl+N)，再撤销。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1351" />
        <source>The cleared order is back.</source>
        <translation>已恢复清空前的工单。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1409" />
        <source>resolve by %1</source>
        <translation>%1 前办结</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1420" />
        <source>The server did not accept the order sent at %1: %2. Double-click it in “Sent from this PC” to correct it.</source>
        <translation>%1 发送的工单未被服务器受理：%2。请在“本机已发送”中双击修改。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/ui/order_form.py" line="1459" />
        <source>Finish or clear (Ctrl+N) the current order first; then double-click the refused one again.</source>
        <translation>请先完成或清空 (Ctrl+N) 当前工单，再双击被退回的工单。</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../agent_desktop/app.py" line="122" />
        <source>Starting the embedded demo server…</source>
        <translation>正在启动内置演示服务器…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="139" />
        <source>Loading the matter catalog…</source>
        <translation>正在加载事项目录…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="144" />
        <source>Cannot reach the server %1 and this PC has no saved copy of the matter catalog yet. Check the network and start again.</source>
        <translation>无法连接服务器 %1，且本机尚无事项目录的副本。请检查网络后重新启动。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="202" />
        <source>Cannot sign in to the server: %1</source>
        <translation>无法登录服务器：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="333" />
        <source>Sign-in cancelled.</source>
        <translation>已取消登录。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="336" />
        <source>Opening the workspace…</source>
        <translation>正在打开工作台…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="355" />
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="356" />
        <source>Loading the knowledge base…</source>
        <translation>正在加载知识库…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="357" />
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="358" />
        <source>Loading the map…</source>
        <translation>正在加载地图…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="359" />
        <source>Work order</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="360" />
        <source>My orders</source>
        <translation>我的工单</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="421" />
        <source>Cannot open the trainer's view: %1</source>
        <translation>无法打开培训师界面：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="442" />
        <source>Cannot open the board: %1</source>
        <translation>无法打开班组长看板：%1</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="597" />
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="598" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="603" />
        <source>loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="648" />
        <source>%n work order(s) have not reached the server yet. They are kept on this PC and will be sent at the next start.</source>
        <translation>有 %n 张工单尚未送达服务器。它们保留在本机，下次启动时发送。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="651" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="652" />
        <source>Sign out</source>
        <translation>注销</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="654" />
        <source>Orders not yet sent</source>
        <translation>工单尚未发送</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="653" />
        <source>Stay</source>
        <translation>留下</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="688" />
        <source>Sign in again — your orders are kept and sent afterwards</source>
        <translation>重新登录——工单已保留，登录后发送</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="680" />
        <location filename="../../agent_desktop/app.py" line="692" />
        <source>Signed in again.</source>
        <translation>已重新登录。</translation>
    </message>
    <message>
        <location filename="../../agent_desktop/app.py" line="701" />
        <location filename="../../agent_desktop/app.py" line="864" />
        <source>Cannot start</source>
        <translation>无法启动</translation>
    </message>
</context>
</TS>