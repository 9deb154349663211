<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BudgetBox</name>
    <message>
        <location filename="../../app/ui/budget_box.py" line="+31"/>
        <source>Spending alert: email me when this month&apos;s spend passes</source>
        <translation>支出提醒：本月支出超过</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email address for the spending alert</source>
        <translation>接收支出提醒的电子邮件地址</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>at</source>
        <translation>时发邮件至</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>AWS Budgets, for the whole account, at 80 % and 100 % of actual spend: the first two budgets are free, then $0.02 a day each (&lt;a href=&quot;{url}&quot;&gt;pricing&lt;/a&gt;).</source>
        <translation>AWS Budgets，针对整个账户，在实际支出达到 80 % 和 100 % 时提醒：前两个预算免费，之后每个每天 $0.02（&lt;a href=&quot;{url}&quot;&gt;价格&lt;/a&gt;）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The budget stays when the machine is terminated; change or delete it with &apos;ec2nb budget&apos;.</source>
        <translation>终止机器后预算仍会保留；可用“ec2nb budget”修改或删除它。</translation>
    </message>
</context>
<context>
    <name>BusyLine</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="+140"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CapacityDialog</name>
    <message>
        <location filename="../../app/ui/capacity_dialog.py" line="+62"/>
        <source>No capacity to start the machine</source>
        <translation>没有可用容量来启动这台机器</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>for up to </source>
        <translation>最多等待 </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> minutes</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait and retry</source>
        <translation>等待并重试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another GPU type…</source>
        <translation>换一种 GPU 类型…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move to another zone or region…</source>
        <translation>迁移到另一个可用区或区域…</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Starting {id}…</source>
        <translation>正在启动 {id}…</translation>
    </message>
</context>
<context>
    <name>Closing</name>
    <message>
        <location filename="../../app/ui/closing.py" line="+32"/>
        <source>Your notebook is still open</source>
        <translation>笔记本仍处于打开状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The machine is still running and billing, and this window holds the connection to your notebook. What should happen?</source>
        <translation>机器仍在运行并持续计费，而且此窗口保持着与笔记本的连接。要怎么处理？</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This one-time spot instance cannot be stopped; to end its bill, cancel and terminate it on this page.</source>
        <translation>这是一次性竞价实例，无法停止；要结束计费，请取消并在此页面终止它。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stop the machine</source>
        <translation>停止机器</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep it running</source>
        <translation>保持运行</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep the notebook open in the tray</source>
        <translation>在系统托盘中保持笔记本连接</translation>
    </message>
</context>
<context>
    <name>CredentialsPage</name>
    <message>
        <location filename="../../app/ui/pages/credentials.py" line="+61"/>
        <source>Check</source>
        <extracomment>Offered before the account can be asked which regions it has; replaced after the check.</extracomment>
        <translation>检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask AWS who these credentials belong to.</source>
        <translation>向 AWS 查询这些凭证属于哪个账户。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Access keys</source>
        <translation>访问密钥 (Access Key)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+144"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="-140"/>
        <source>Show the secret key</source>
        <translation>显示秘密访问密钥</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>only for temporary credentials</source>
        <translation>仅临时凭证需要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as a profile named</source>
        <translation>另存为配置文件，名称：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Access key ID:</source>
        <translation>访问密钥 ID：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret access key:</source>
        <translation>秘密访问密钥：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Session token:</source>
        <translation>会话令牌：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keys typed here stay in memory and are forgotten when the app closes, unless you save them as a profile.</source>
        <translation>在此输入的密钥只保存在内存中，关闭程序后即被清除，除非您将其另存为配置文件。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Profile:</source>
        <translation>配置文件 (Profile)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region:</source>
        <translation>区域 (Region)：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Profiles come from the AWS command line tools&apos; files (~/.aws/config and ~/.aws/credentials), single sign-on profiles included. To make access keys, open IAM in the AWS console, choose your user, then Security credentials.</source>
        <translation>配置文件来自 AWS 命令行工具的文件（~/.aws/config 和 ~/.aws/credentials），包括单点登录 (SSO) 配置文件。要创建访问密钥，请在 AWS 控制台中打开 IAM，选择您的用户，然后打开“安全凭证 (Security credentials)”。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose the AWS account to use and the region where the machine will run.</source>
        <translation>选择要使用的 AWS 账户，以及运行机器的区域。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reading your AWS profiles…</source>
        <translation>正在读取您的 AWS 配置文件…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{name} (single sign-on)</source>
        <translation>{name}（单点登录 SSO）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keys from environment variables</source>
        <translation>来自环境变量的密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste access keys…</source>
        <translation>粘贴访问密钥…</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Checking your credentials with AWS…</source>
        <translation>正在向 AWS 验证您的凭证…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The access key ID starts with AKIA or ASIA, followed by capital letters and digits.</source>
        <translation>访问密钥 ID 以 AKIA 或 ASIA 开头，后接大写字母和数字。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paste the secret access key that belongs to this access key ID.</source>
        <translation>请粘贴与此访问密钥 ID 对应的秘密访问密钥。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A profile name uses letters, digits, dots, dashes and underscores only.</source>
        <translation>配置文件名称只能包含字母、数字、点、连字符和下划线。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Account {account}
{arn}</source>
        <translation>账户 {account}
{arn}</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../app/ui/dialogs.py" line="+40"/>
        <source>Security alert</source>
        <translation>安全警告</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The machine&apos;s identity could not be confirmed from its console output. Its SSH host key fingerprint is:

{fingerprint}

If you trust this machine, accept the key and continue. If you are not sure, cancel: nothing will connect to it.</source>
        <translation>无法通过控制台输出确认这台机器的身份。它的 SSH 主机密钥指纹是：

{fingerprint}

如果您信任这台机器，请接受该密钥并继续。如果不确定，请取消：程序不会连接到它。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Accept and connect</source>
        <translation>接受并连接</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the instance {id} (terminated)</source>
        <translation>实例 {id}（将被终止）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the instance being started (terminated)</source>
        <translation>正在启动的实例（将被终止）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the security group {id}</source>
        <translation>安全组 {id}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the EC2 key pair {name}</source>
        <translation>EC2 密钥对 {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the key files saved on this computer</source>
        <translation>保存在本机上的密钥文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the idle auto-stop alarm</source>
        <translation>空闲自动停止警报</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the new work disk {id}</source>
        <translation>新建的工作盘 {id}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancel the launch?</source>
        <translation>取消启动？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel the launch? These will be removed:

{listing}</source>
        <translation>要取消启动吗？以下资源将被删除：

{listing}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel the launch? Nothing has been created in AWS yet.</source>
        <translation>要取消启动吗？目前尚未在 AWS 中创建任何资源。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel launch and clean up</source>
        <translation>取消启动并清理</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep launching</source>
        <translation>继续启动</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Your work disk {name} ({size} GiB, your files in ~/work) is kept unless you delete everything; a launch can reuse it.</source>
        <translation>您的工作盘 {name}（{size} GiB，您在 ~/work 中的文件）会被保留，除非您选择全部删除；之后的启动可以重新使用它。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Keep my work disk (${cost:.2f}/month)</source>
        <translation>保留我的工作盘（每月 ${cost:.2f}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete everything</source>
        <translation>全部删除</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../app/ui/pages/done.py" line="+41"/>
        <source>Open Notebook</source>
        <translation>打开笔记本</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Your machine</source>
        <translation>您的机器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Machine:</source>
        <translation>机器：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GPU:</source>
        <translation>GPU：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Software:</source>
        <translation>软件：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cost so far:</source>
        <translation>目前费用：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open in PuTTY</source>
        <translation>在 PuTTY 中打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy SSH command</source>
        <translation>复制 SSH 命令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open in VS Code</source>
        <translation>在 VS Code 中打开</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Upload files…</source>
        <translation>上传文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copies files to the notebook folder. You can also drop files on this page.</source>
        <translation>把文件复制到笔记本文件夹。也可以把文件拖放到此页面上。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Download…</source>
        <translation>下载…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copies a file or folder of the notebook folder to this computer.</source>
        <translation>把笔记本文件夹中的文件或文件夹复制到这台电脑。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TensorBoard</source>
        <translation>TensorBoard</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Starts TensorBoard on the machine (logs: the notebook folder) and opens it through the tunnel.</source>
        <translation>在机器上启动 TensorBoard（日志目录：笔记本文件夹），并通过隧道打开它。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Forward a port…</source>
        <translation>转发端口…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reach another server on the machine from this computer, through the tunnel.</source>
        <translation>通过隧道，从这台电脑访问机器上的其他服务。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Stop instance</source>
        <translation>停止实例</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stops the hourly charge; your files stay on the disk. Start it again from My instances.</source>
        <translation>停止按小时计费；您的文件仍保留在磁盘上。之后可在“我的实例”中重新启动。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+577"/>
        <source>Terminate and clean up</source>
        <translation>终止并清理</translation>
    </message>
    <message>
        <location line="-574"/>
        <source>Deletes the machine and everything this launch created. Your notebooks on it are lost.</source>
        <translation>删除这台机器以及本次启动创建的所有资源。机器上的笔记本将会丢失。</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Your notebook is running. Open it, or connect to the machine another way.</source>
        <translation>您的笔记本正在运行。打开它，或用其他方式连接到机器。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{instance} ({type}) in {region}</source>
        <translation>{instance}（{type}），位于 {region}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{gpu}, {memory}, driver {driver} (reported by nvidia-smi)</source>
        <translation>{gpu}，{memory}，驱动 {driver}（由 nvidia-smi 报告）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{gpu} (reported by the machine)</source>
        <translation>{gpu}（由机器报告）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} x {gpu} (the machine did not report its GPU)</source>
        <translation>{count} x {gpu}（机器未报告其 GPU）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not reported</source>
        <translation>未报告</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Jupyter was not started</source>
        <translation>Jupyter 未启动</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Jupyter {jupyter}, Python {python}, {framework}</source>
        <translation>Jupyter {jupyter}，Python {python}，{framework}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Jupyter {jupyter}, Python {python}</source>
        <translation>Jupyter {jupyter}，Python {python}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A one-time spot instance cannot be stopped, only terminated: after {minutes} minutes without notebook activity it terminates itself, and the files on its disk are lost. Closing this window asks what to do with it.</source>
        <translation>一次性竞价实例无法停止，只能终止：笔记本空闲 {minutes} 分钟后它会自行终止，其磁盘上的文件将丢失。关闭此窗口时会询问如何处理它。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A one-time spot instance cannot be stopped, only terminated: it runs and bills until you terminate it. Closing this window asks what to do with it.</source>
        <translation>一次性竞价实例无法停止，只能终止：在您终止它之前，它会一直运行并计费。关闭此窗口时会询问如何处理它。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The machine stops by itself after {minutes} minutes without notebook activity. Closing this window asks what to do with it.</source>
        <translation>笔记本连续 {minutes} 分钟无活动后，机器会自动停止。关闭此窗口时会询问如何处理这台机器。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Idle auto-stop is off: the machine runs and bills until you stop it. Closing this window asks what to do with it.</source>
        <translation>空闲自动停止已关闭：机器会一直运行并计费，直到您停止它。关闭此窗口时会询问如何处理这台机器。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Your spot machine</source>
        <translation>您的竞价机器</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Time limit: the machine stops itself at {time} (this computer&apos;s time), busy or not. Ten minutes before, a warning appears in its terminals and the notebook&apos;s log.</source>
        <translation>时间上限：无论是否繁忙，机器都会在 {time}（本机时间）自行停止。停止前十分钟，它的终端和笔记本日志中会出现警告。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Time limit: this one-time spot machine terminates itself at {time} (this computer&apos;s time), busy or not, and the files on its disk are lost unless the disk is kept. Ten minutes before, a warning appears in its terminals and the notebook&apos;s log.</source>
        <translation>时间上限：无论是否繁忙，这台一次性竞价机器都会在 {time}（本机时间）自行终止，除非保留磁盘，否则磁盘上的文件将丢失。终止前十分钟，它的终端和笔记本日志中会出现警告。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>No default web browser is set on this computer, so the wizard cannot open one. Copy the notebook&apos;s address below into a browser.</source>
        <translation>这台电脑没有设置默认网页浏览器，向导无法打开浏览器。请把下面的笔记本地址复制到浏览器中。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The notebook opens in your browser through a private SSH tunnel.</source>
        <translation>笔记本通过专用 SSH 隧道在浏览器中打开。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The notebook opens in your browser over HTTPS; accept the certificate warning once.</source>
        <translation>笔记本通过 HTTPS 在浏览器中打开；请接受一次证书警告。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The notebook&apos;s address is on the clipboard: paste it into your browser.</source>
        <translation>笔记本地址已复制到剪贴板：请粘贴到浏览器中。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Your browser was asked to open the notebook. If no tab appears, copy the address above into it.</source>
        <translation>已请求浏览器打开笔记本。如果没有出现新标签页，请把上面的地址复制到浏览器中。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No default web browser is set on this computer, so none could be opened. The notebook&apos;s address is on the clipboard: paste it into a browser.</source>
        <translation>这台电脑没有设置默认网页浏览器，因此无法打开。笔记本地址已复制到剪贴板：请粘贴到浏览器中。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your browser ({browser}) could not be opened. The notebook&apos;s address is on the clipboard: paste it into a browser.</source>
        <translation>无法打开浏览器（{browser}）。笔记本地址已复制到剪贴板：请粘贴到浏览器中。</translation>
    </message>
    <message>
        <location line="-117"/>
        <source>Certificate fingerprint (SHA-256): {fingerprint}
Before you accept the browser&apos;s certificate warning, open the certificate it shows (the warning&apos;s details, or the address bar&apos;s lock icon) and check that its SHA-256 fingerprint is exactly this one; if it is not, do not continue.</source>
        <translation>证书指纹 (SHA-256)：{fingerprint}
在接受浏览器的证书警告之前，请打开它显示的证书（警告的详细信息，或地址栏的锁形图标），核对其 SHA-256 指纹与此完全一致；如果不一致，请不要继续。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>running for {uptime}</source>
        <translation>已运行 {uptime}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>${cost:.2f} after {uptime} at ${price:.3f} per hour</source>
        <translation>运行 {uptime}，已花费 ${cost:.2f}（每小时 ${price:.3f}）</translation>
    </message>
    <message>
        <location line="+104"/>
        <location line="+146"/>
        <source>Opening your browser…</source>
        <translation>正在打开浏览器…</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>TensorBoard is open in your browser: {url}</source>
        <translation>TensorBoard 已在浏览器中打开：{url}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TensorBoard runs at {url}: open it in your browser.</source>
        <translation>TensorBoard 运行在 {url}：请在浏览器中打开。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Starting TensorBoard…</source>
        <translation>正在启动 TensorBoard…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The SSH command is on the clipboard.</source>
        <translation>SSH 命令已复制到剪贴板。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>PuTTY is not installed</source>
        <translation>未安装 PuTTY</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PuTTY was not found on this computer. Open its download page?</source>
        <translation>本机上找不到 PuTTY。要打开它的下载页面吗？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open download page</source>
        <translation>打开下载页面</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Starting PuTTY…</source>
        <translation>正在启动 PuTTY…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Starting VS Code…</source>
        <translation>正在启动 VS Code…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The machine is stopping. Your files stay on its disk; start it again from My instances.</source>
        <translation>机器正在停止。您的文件保留在其磁盘上；之后可在“我的实例”中重新启动。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stopping the machine…</source>
        <translation>正在停止机器…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Terminate {instance} and remove its security group, key pair and root disk?</source>
        <translation>终止 {instance} 并删除它的安全组、密钥对和根磁盘？</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Terminate the machine?</source>
        <translation>终止这台机器？</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Terminate {instance} and remove its security group, key pair and disk? Notebooks saved on the machine are lost.</source>
        <translation>终止 {instance} 并删除它的安全组、密钥对和磁盘？保存在机器上的笔记本将会丢失。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Terminated and cleaned up: {count} resource(s) removed.</source>
        <translation>已终止并清理：删除了 {count} 项资源。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Terminating and cleaning up…</source>
        <translation>正在终止并清理…</translation>
    </message>
</context>
<context>
    <name>DownloadFirstDialog</name>
    <message>
        <location filename="../../app/ui/download_first_dialog.py" line="+67"/>
        <source>Terminate the machine</source>
        <translation>终止机器</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stop the machine</source>
        <translation>停止机器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This machine has no work disk: your notebooks are on its own disk, which terminating deletes.</source>
        <translation>这台机器没有工作盘：您的笔记本保存在它自己的磁盘上，终止机器会删除这块磁盘。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This machine has no work disk: your notebooks stay on its own disk while it is stopped, but only there.</source>
        <translation>这台机器没有工作盘：停止后您的笔记本仍保留在它自己的磁盘上，但只有那里有一份。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Download my notebooks first</source>
        <translation>先下载我的笔记本</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>optional, e.g. results</source>
        <translation>可选，例如 results</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Into:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also this folder of the machine:</source>
        <translation>同时下载机器上的此文件夹：</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+5"/>
        <source>Download, then terminate</source>
        <translation>下载后终止</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+7"/>
        <source>Download, then stop</source>
        <translation>下载后停止</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Terminate without downloading</source>
        <translation>不下载，直接终止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop without downloading</source>
        <translation>不下载，直接停止</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Download into</source>
        <translation>下载到</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Say into which folder.</source>
        <translation>请指定保存到哪个文件夹。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Downloading your notebooks…</source>
        <translation>正在下载您的笔记本…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Downloaded {count} notebook(s) into {folder}.</source>
        <translation>已将 {count} 个笔记本下载到 {folder}。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cancelled: nothing was stopped or terminated.</source>
        <translation>已取消：没有停止或终止任何机器。</translation>
    </message>
</context>
<context>
    <name>ErrorPanel</name>
    <message>
        <location filename="../../app/ui/widgets.py" line="-69"/>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
</context>
<context>
    <name>ForwardsDialog</name>
    <message>
        <location filename="../../app/ui/forwards_dialog.py" line="+41"/>
        <source>Forward a port</source>
        <translation>转发端口</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reach a server running on the machine (TensorBoard, a dashboard, an API) from this computer&apos;s browser, through the notebook&apos;s SSH tunnel. Only this computer can use the forwarded port.</source>
        <translation>通过笔记本的 SSH 隧道，在这台电脑的浏览器中访问机器上运行的服务（TensorBoard、仪表盘、API）。只有这台电脑能使用转发的端口。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the same, if free</source>
        <translation>相同端口（若空闲）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Port on the machine:</source>
        <translation>机器上的端口：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port on this computer:</source>
        <translation>这台电脑上的端口：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forward</source>
        <translation>转发</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No port is forwarded yet.</source>
        <translation>尚未转发任何端口。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Active forwards:</source>
        <translation>正在转发：</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Port {port} of the machine is forwarded already.</source>
        <translation>机器的端口 {port} 已在转发。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Forwarding port {port}…</source>
        <translation>正在转发端口 {port}…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Port {requested} is taken on this computer, so {port} is used.</source>
        <translation>这台电脑上的端口 {requested} 已被占用，因此使用 {port}。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Port {remote} of the machine: {url}</source>
        <translation>机器的端口 {remote}：{url}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
</context>
<context>
    <name>GpuPage</name>
    <message>
        <location filename="../../app/ui/pages/gpu.py" line="+42"/>
        <source>Filter, e.g. A10G or g5</source>
        <translation>筛选，例如 A10G 或 g5</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hide types my quota does not allow</source>
        <translation>隐藏配额不允许的类型</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>On-demand (recommended): runs until you stop it</source>
        <translation>按需 (On-Demand，推荐)：一直运行到您停止为止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spot: cheaper, but AWS may stop it at any time</source>
        <translation>竞价 (Spot)：更便宜，但 AWS 可能随时将其停止</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Request quota increase</source>
        <translation>申请提高配额</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The machine to rent. The recommended type is preselected; click a column to sort.</source>
        <translation>要租用的机器。已预先选好推荐的类型；点击列标题可排序。</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Finding the GPU machines offered in {region}…</source>
        <translation>正在查找 {region} 提供的 GPU 机器…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Prices are US dollars per hour (source: {sources}).</source>
        <translation>价格为每小时美元（来源：{sources}）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No GPU machine types are offered in this region.</source>
        <translation>此区域不提供任何 GPU 机器类型。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Not enough</source>
        <translation>不足</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Checking your vCPU quotas…</source>
        <translation>正在检查您的 vCPU 配额…</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Checking the quota for {type}…</source>
        <translation>正在检查 {type} 的配额…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Asking AWS for {count:g} vCPUs…</source>
        <translation>正在向 AWS 申请 {count:g} 个 vCPU…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Request {id}: {status}</source>
        <translation>申请 {id}：{status}</translation>
    </message>
</context>
<context>
    <name>GpuTable</name>
    <message>
        <location filename="../../app/ui/gpu_table.py" line="+45"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPUs</source>
        <translation>GPU 数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VRAM</source>
        <translation>显存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vCPUs</source>
        <translation>vCPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RAM</source>
        <translation>内存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>$/h</source>
        <translation>$/小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spot $/h</source>
        <translation>Spot $/小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zones</source>
        <translation>可用区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quota</source>
        <translation>配额</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The EC2 instance type</source>
        <translation>EC2 实例类型 (Instance Type)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The GPU model</source>
        <translation>GPU 型号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of GPUs</source>
        <translation>GPU 数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Memory of each GPU</source>
        <translation>每块 GPU 的显存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Virtual CPUs</source>
        <translation>虚拟 CPU 数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On-demand price, US dollars per hour</source>
        <translation>按需价格，每小时美元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lowest spot price among the zones, US dollars per hour</source>
        <translation>各可用区中最低的 Spot 价格，每小时美元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Availability zones offering the type</source>
        <translation>提供该类型的可用区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whether your vCPU quota leaves room for one more</source>
        <translation>您的 vCPU 配额是否还够再启动一台</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enough</source>
        <translation>足够</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not enough</source>
        <translation>不足</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown (default {default})</source>
        <translation>未知（默认 {default}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>ImagePage</name>
    <message>
        <location filename="../../app/ui/pages/image.py" line="+36"/>
        <source>AWS Deep Learning image (recommended)</source>
        <translation>AWS Deep Learning 映像（推荐）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My own image (AMI id):</source>
        <translation>我自己的映像（AMI ID）：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Software</source>
        <translation>软件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Released</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Image name</source>
        <translation>映像名称</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The software the machine starts with. The newest Deep Learning image has the GPU driver, CUDA, PyTorch and Jupyter.</source>
        <translation>机器启动时自带的软件。最新的 Deep Learning 映像已包含 GPU 驱动、CUDA、PyTorch 和 Jupyter。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Finding the Deep Learning images in {region}…</source>
        <translation>正在查找 {region} 中的 Deep Learning 映像…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No Deep Learning image was found in this region. Enter an AMI id below.</source>
        <translation>此区域中找不到 Deep Learning 映像。请在下方输入 AMI ID。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>An AMI id looks like ami-0123456789abcdef0.</source>
        <translation>AMI ID 的格式类似 ami-0123456789abcdef0。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Checking {image}…</source>
        <translation>正在检查 {image}…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{name}
{description}
Log-in user: {user}. Disk: at least {size} GiB.</source>
        <translation>{name}
{description}
登录用户：{user}。磁盘：至少 {size} GiB。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Base (GPU driver and CUDA)</source>
        <translation>Base（GPU 驱动和 CUDA）</translation>
    </message>
</context>
<context>
    <name>InstanceState</name>
    <message>
        <location filename="../../app/ui/pages/instances.py" line="+669"/>
        <source>taken back by AWS</source>
        <translation>已被 AWS 收回</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>terminating</source>
        <translation>正在终止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>terminated</source>
        <translation>已终止</translation>
    </message>
</context>
<context>
    <name>InstancesPage</name>
    <message>
        <location line="-622"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up for</source>
        <translation>已运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost so far</source>
        <translation>目前费用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Instance</source>
        <translation>实例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept/month</source>
        <translation>保留/月</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What a stopped machine still costs per month: its disks and snapshots</source>
        <translation>已停止的机器每月仍需支付的费用：其磁盘和快照</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+534"/>
        <source>Terminate and clean up</source>
        <translation>终止并清理</translation>
    </message>
    <message>
        <location line="-533"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop everything</source>
        <translation>全部停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop every running machine this app launched, in every region</source>
        <translation>停止本应用在所有区域启动的每台正在运行的机器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upload files…</source>
        <translation>上传文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Download…</source>
        <translation>下载…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change GPU type…</source>
        <translation>更换 GPU 类型…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the instance type of a stopped machine</source>
        <translation>更改已停止机器的实例类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Launch again…</source>
        <translation>再次启动…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A new machine like this one AWS took back, with the same work disk</source>
        <translation>启动一台与这台被 AWS 收回的机器相同的新机器，使用同一块工作盘</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Remind after </source>
        <translation>运行超过 </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> h running</source>
        <translation> 小时时提醒</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Nothing launched by this app is left in your account.</source>
        <translation>您的账户中已没有本程序启动的任何资源。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Move a kept disk…</source>
        <translation>迁移保留的磁盘…</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Every machine this app launched, in every region. Cost so far counts the disks since launch; stopped machines cost only their disks and snapshots, per month.</source>
        <translation>本应用在所有区域启动的每台机器。累计费用包含自启动以来的磁盘费用；已停止的机器只按月收取其磁盘和快照的费用。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>{name}: {size} GiB in {zone}, ${cost:.2f} per month</source>
        <translation>{name}：{size} GiB，位于 {zone}，每月 ${cost:.2f}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kept work disks, ${total:.2f} per month until deleted:</source>
        <translation>保留的工作盘，删除前每月 ${total:.2f}：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Move {name} ({zone})…</source>
        <translation>迁移 {name}（{zone}）…</translation>
    </message>
    <message>
        <location line="+339"/>
        <source>Terminate {id} and remove what its launch created?</source>
        <translation>终止 {id} 并删除其启动时创建的资源？</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Stopping everything…</source>
        <translation>正在全部停止…</translation>
    </message>
    <message>
        <location line="-421"/>
        <source>Looking in every region…</source>
        <translation>正在查找所有区域…</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>The records of these launches on this computer are damaged and cannot be read: {names}.</source>
        <translation>本机上这些启动的记录已损坏，无法读取：{names}。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Running for a long time: stop it if you are done.</source>
        <translation>已运行很长时间：如果用完了，请停止它。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Disks and snapshots of these machines: ${total:.2f} per month while kept (running or stopped; terminating a machine ends it, but for its work disk, which is kept unless you choose to delete it).</source>
        <translation>这些机器的磁盘和快照：保留期间每月 ${total:.2f}（无论运行还是停止；终止机器后不再收费，但工作盘除外：除非您选择删除，它会被保留）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Updated {time}</source>
        <translation>更新于 {time}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{instance}: AWS took this spot machine back ({type}); you did not stop or terminate it. Launch again… starts a new one like it with the same work disk (on-demand if it must not be interrupted); Terminate and clean up removes what is left of it.</source>
        <translation>{instance}：AWS 收回了这台竞价机器（{type}）；不是您停止或终止的。“再次启动…”会启动一台相同的新机器并使用同一块工作盘（如果不能再被中断，请选按需）；“终止并清理”会删除它剩下的资源。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Launched from another computer: open it there, where its key is.</source>
        <translation>由另一台计算机启动：请在那台计算机上打开，它的密钥保存在那里。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A one-time spot instance cannot be stopped, only terminated.</source>
        <translation>一次性竞价实例无法停止，只能终止。</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>Stopping {id}…</source>
        <translation>正在停止 {id}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starting {id}…</source>
        <translation>正在启动 {id}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terminating {id} and cleaning up…</source>
        <translation>正在终止 {id} 并清理…</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Terminate the machine?</source>
        <translation>终止这台机器？</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Terminate {id} and remove what its launch created? Notebooks saved on it are lost.</source>
        <translation>终止 {id} 并删除其启动时创建的资源？保存在上面的笔记本将会丢失。</translation>
    </message>
</context>
<context>
    <name>KeyPairPage</name>
    <message>
        <location filename="../../app/ui/pages/keypair.py" line="+36"/>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Make a new key on this computer (recommended): the private half never leaves it</source>
        <translation>在本机生成新密钥（推荐）：私钥永远不会离开本机</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Let AWS make the key and download it (.pem)</source>
        <translation>由 AWS 生成密钥并下载 (.pem)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use a key I already have in EC2</source>
        <translation>使用我在 EC2 中已有的密钥</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New key</source>
        <translation>新密钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ed25519 (recommended)</source>
        <translation>Ed25519（推荐）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RSA 4096 (for older tools)</source>
        <translation>RSA 4096（用于较旧的工具）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save to:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+24"/>
        <source>Passphrase:</source>
        <translation>密码短语：</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Your key</source>
        <translation>您的密钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the .pem or .ppk file</source>
        <translation>.pem 或 .ppk 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its name in EC2</source>
        <translation>它在 EC2 中的名称</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>only if the file has one</source>
        <translation>仅当文件设有密码短语时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Private key file:</source>
        <translation>私钥文件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>EC2 key pair:</source>
        <translation>EC2 密钥对 (Key Pair)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>PuTTY 0.75 and newer (.ppk version 3, recommended)</source>
        <translation>PuTTY 0.75 及更新版本（.ppk 版本 3，推荐）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Older PuTTY and WinSCP (.ppk version 2)</source>
        <translation>较旧的 PuTTY 和 WinSCP（.ppk 版本 2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PuTTY key file for:</source>
        <translation>PuTTY 密钥文件适用于：</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The key that lets you, and only you, log in to the machine over SSH.</source>
        <translation>用于通过 SSH 登录机器的密钥，只有您能使用。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>{folder} (named after the launch)</source>
        <translation>{folder}（以本次启动命名）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save the private key as</source>
        <translation>私钥另存为</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Your private key</source>
        <translation>您的私钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Private keys (*.pem *.ppk *.key);;All files (*)</source>
        <translation>私钥 (*.pem *.ppk *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Checking that {file} belongs to {name}…</source>
        <translation>正在检查 {file} 是否属于 {name}…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>It matches. Fingerprint {fingerprint}</source>
        <translation>匹配。指纹 {fingerprint}</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../app/ui/i18n.py" line="+170"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new language is used the next time the wizard starts: a launch or a notebook connection is open in this window.</source>
        <translation>新语言将在下次启动向导时生效：此窗口中有正在进行的启动或已打开的笔记本连接。</translation>
    </message>
</context>
<context>
    <name>LanguageBox</name>
    <message>
        <location line="-31"/>
        <source>Language of the wizard</source>
        <extracomment>Each language under its own name, as a language menu shows it.</extracomment>
        <translation>向导的界面语言</translation>
    </message>
</context>
<context>
    <name>LaunchStep</name>
    <message>
        <location filename="../../app/ui/pages/progress.py" line="+47"/>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <location filename="../../app/ui/move_dialog.py" line="+94"/>
        <source>Move</source>
        <translation>迁移</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel move</source>
        <translation>取消迁移</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Move to:</source>
        <translation>迁移到：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Looking for where it can go…</source>
        <translation>正在查找可以迁移到的位置…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{region} (any zone)</source>
        <translation>{region}（任一可用区）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There is nowhere to move it: no other zone offers it.</source>
        <translation>没有可迁移的位置：没有其他可用区提供它。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Working out the cost…</source>
        <translation>正在计算费用…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Starting the move…</source>
        <translation>正在开始迁移…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Cancelled. What was made so far is kept: moving it again continues from there, without copying twice.</source>
        <translation>已取消。已完成的部分会保留：再次迁移时从那里继续，不会重复复制。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Move the work disk {name}</source>
        <translation>迁移工作磁盘 {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} ({size} GiB) is in {zone}. A disk attaches only within its zone: it is copied through a snapshot to the new place, with the same name; the old disk and the snapshot are deleted once the new disk is ready.</source>
        <translation>{name}（{size} GiB）位于 {zone}。磁盘只能挂载到同一可用区的机器上：它会通过快照复制到新位置，名称不变；新磁盘就绪后，旧磁盘和快照会被删除。</translation>
    </message>
    <message>
        <location filename="../../app/ui/relocate_dialog.py" line="+78"/>
        <source>Move {id} to another zone or region</source>
        <translation>把 {id} 迁移到另一个可用区或区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{id} ({type}) cannot start in {zone} for lack of capacity. Its system disk becomes an image and its work disk is copied through a snapshot to a zone that offers {type}, in this region or another; then a new machine is launched there with the same work disk (in another region with a new security group and key pair).</source>
        <translation>{id}（{type}）因容量不足无法在 {zone} 启动。它的系统盘会制成映像，工作磁盘通过快照复制到提供 {type} 的可用区（本区域或其他区域）；然后在那里用同一个工作磁盘启动一台新机器（在其他区域时会使用新的安全组和密钥对）。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Terminate the old machine?</source>
        <translation>终止旧机器？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new machine is ready. The old one, {id} in {zone}, is still stopped and its system disk is billed. Terminate it now? Its work disk moved with you and is not touched.</source>
        <translation>新机器已就绪。旧机器 {id}（位于 {zone}）仍处于停止状态，其系统盘仍在计费。现在终止它吗？它的工作磁盘已随您迁移，不受影响。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Terminate {id}</source>
        <translation>终止 {id}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep it for now</source>
        <translation>暂时保留</translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message>
        <location filename="../../app/ui/pages/network.py" line="+35"/>
        <source>Security group (the machine&apos;s firewall)</source>
        <translation>安全组 (Security Group，机器的防火墙)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a new group for this notebook (recommended)</source>
        <translation>为此笔记本新建安全组（推荐）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use an existing group:</source>
        <translation>使用现有安全组：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Who may connect over SSH</source>
        <translation>允许谁通过 SSH 连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only this computer (recommended)</source>
        <translation>仅限本机（推荐）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These addresses:</source>
        <translation>以下地址：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Yes, allow this wide range: anyone in it may try to log in over SSH</source>
        <translation>是的，允许这个宽范围：其中的任何人都可以尝试通过 SSH 登录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How your browser reaches the notebook</source>
        <translation>浏览器访问笔记本的方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Through an SSH tunnel (recommended): only SSH is open to the Internet</source>
        <translation>通过 SSH 隧道（推荐）：只对互联网开放 SSH</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTTPS on port 8888 from your address (the classic way)</source>
        <translation>从您的地址通过 HTTPS 访问 8888 端口（传统方式）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The notebook then uses a self-signed certificate: your browser will warn about it once, and you accept the warning to continue.</source>
        <translation>此时笔记本使用自签名证书：浏览器会警告一次，接受警告即可继续。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Who can reach the machine. The recommended choices open nothing but SSH, and only to you.</source>
        <translation>谁可以访问这台机器。推荐的设置只开放 SSH，且仅对您开放。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>looking up your address…</source>
        <translation>正在查询您的地址…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>unknown for now; it is looked up again at launch</source>
        <translation>暂时未知；启动时会再次查询</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Looking up your public IP address…</source>
        <translation>正在查询您的公网 IP 地址…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>your address is {address}</source>
        <translation>您的地址是 {address}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(an HTTPS proxy is set ({variable}): this may be the proxy&apos;s address; if SSH cannot connect, allow your own range below)</source>
        <translation>（已设置 HTTPS 代理（{variable}）：这可能是代理的地址；如果 SSH 无法连接，请在下方允许您自己的地址范围）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>A security group id looks like sg-0123456789abcdef0.</source>
        <translation>安全组 ID 的格式类似 sg-0123456789abcdef0。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type the addresses allowed to connect, like 203.0.113.7/32.</source>
        <translation>输入允许连接的地址，例如 203.0.113.7/32。</translation>
    </message>
</context>
<context>
    <name>NotebookAddress</name>
    <message>
        <location filename="../../app/ui/notebook_address.py" line="+21"/>
        <location line="+32"/>
        <source>Show token</source>
        <translation>显示令牌</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Copy address</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Hide token</source>
        <translation>隐藏令牌</translation>
    </message>
</context>
<context>
    <name>NotebookWizard</name>
    <message>
        <location filename="../../app/ui/wizard.py" line="+94"/>
        <source>{app} — DEMO</source>
        <extracomment>How often Python lets another thread take the GIL (default 5 ms). The UI thread needs the GIL for every Python slot; with a few busy workers (boto3 builds clients in pure Python) a shorter interval is what keeps it from waiting hundreds of milliseconds for its turn.</extracomment>
        <translation>{app} — 演示</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>PageTitle</name>
    <message>
        <location filename="../../app/ui/side_panel.py" line="+18"/>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AWS account</source>
        <translation>AWS 账户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Machine image</source>
        <translation>系统映像 (AMI)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPU type</source>
        <translation>GPU 类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage</source>
        <translation>存储</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key pair</source>
        <translation>密钥对 (Key Pair)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review and launch</source>
        <translation>检查并启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Launching</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notebook ready</source>
        <translation>笔记本已就绪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My instances</source>
        <translation>我的实例</translation>
    </message>
</context>
<context>
    <name>PermissionsPanel</name>
    <message>
        <location filename="../../app/ui/permissions_panel.py" line="+38"/>
        <source>Permissions</source>
        <translation>权限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check permissions</source>
        <translation>检查权限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Try every call of the launch without creating anything (EC2 dry runs) and list the IAM permissions that are missing.</source>
        <translation>试运行此次启动的每个调用（EC2 试运行），不创建任何资源，并列出缺少的 IAM 权限。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+29"/>
        <source>Nothing is created by the check.</source>
        <translation>检查不会创建任何资源。</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Call</source>
        <translation>调用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>dry run</source>
        <translation>试运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read</source>
        <translation>读取</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>simulated</source>
        <translation>模拟</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>allowed</source>
        <translation>允许</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>missing {permission}</source>
        <translation>缺少 {permission}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{result} (optional)</source>
        <translation>{result}（可选）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{result}: {note}</source>
        <translation>{result}：{note}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Every call this launch makes is allowed.</source>
        <translation>此次启动的所有调用均被允许。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The launch can go ahead; without {missing} it does less.</source>
        <translation>可以启动；但缺少 {missing} 时部分功能不可用。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The launch would fail. Ask your AWS administrator to allow: {missing}.</source>
        <translation>启动将会失败。请让 AWS 管理员授予以下权限：{missing}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>see the table</source>
        <translation>见下表</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <location filename="../../app/ui/pages/progress.py" line="+17"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%v of %m steps</source>
        <translation>第 %v 步，共 %m 步</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel launch</source>
        <translation>取消启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove what was created</source>
        <translation>删除已创建的资源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Your machine is being prepared. This usually takes a few minutes.</source>
        <translation>正在准备您的机器，通常需要几分钟。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>{step}: {message}</source>
        <translation>{step}：{message}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The notebook is ready.</source>
        <translation>笔记本已就绪。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancelled. Removing what this launch created…</source>
        <translation>已取消。正在删除本次启动创建的资源…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The launch stopped. You can try again, or remove what it created.</source>
        <translation>启动已中止。您可以重试，或删除已创建的资源。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancelled. Nothing had been created.</source>
        <translation>已取消。尚未创建任何资源。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Removing what this launch created…</source>
        <translation>正在删除本次启动创建的资源…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cleaned up: {count} resource(s) removed.</source>
        <translation>清理完成：删除了 {count} 项资源。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kept: {kept}.</source>
        <translation>保留：{kept}。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
</context>
<context>
    <name>RelaunchDialog</name>
    <message>
        <location filename="../../app/ui/relaunch_dialog.py" line="+41"/>
        <source>Launch again</source>
        <translation>再次启动</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Launch</source>
        <translation>启动</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Looking up the work disk and the prices…</source>
        <translation>正在查询工作盘和价格…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Launch a new {type} in {region} like {id}, with its work disk {disk} at ~/work: your files are there.</source>
        <translation>在 {region} 启动一台与 {id} 相同的新 {type}，并把它的工作盘 {disk} 挂载到 ~/work：您的文件都在上面。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Launch a new {type} in {region} like {id}. It had no work disk: its notebooks were on the machine and went with it.</source>
        <translation>在 {region} 启动一台与 {id} 相同的新 {type}。它没有工作盘：它的笔记本保存在机器上，已随机器一起删除。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>On-demand, {price}: AWS does not take it back</source>
        <translation>按需，{price}：AWS 不会收回</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Spot, {price}: cheaper, may be taken back again</source>
        <translation>竞价，{price}：更便宜，但可能再次被收回</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>price unknown</source>
        <translation>价格未知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>${price:.3f} per hour</source>
        <translation>每小时 ${price:.3f}</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <location filename="../../app/ui/reminders.py" line="+57"/>
        <source>A machine is still running</source>
        <translation>有机器仍在运行</translation>
    </message>
</context>
<context>
    <name>ResizeDialog</name>
    <message>
        <location filename="../../app/ui/resize_dialog.py" line="+62"/>
        <source>Can run it</source>
        <translation>能否运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offered in the machine&apos;s zone, with its processor architecture, and supported by its machine image</source>
        <translation>在这台机器所在的可用区提供、处理器架构相同，且其系统映像支持</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Yes</source>
        <translation>可以</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Change GPU type</source>
        <translation>更换 GPU 类型</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>It is running: AWS changes the type of a stopped machine only.</source>
        <translation>它正在运行：AWS 只能更改已停止机器的类型。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop it first</source>
        <translation>先停止它</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Start it after the change</source>
        <translation>更改后启动它</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Change type</source>
        <translation>更改类型</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Looking up the GPU types…</source>
        <translation>正在查询 GPU 类型…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>{id} is {type} in {zone}, {price}.</source>
        <translation>{id} 是位于 {zone} 的 {type}，{price}。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{old} ({old_price}) → {new} ({new_price})</source>
        <translation>{old}（{old_price}）→ {new}（{new_price}）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Stopping {id}…</source>
        <translation>正在停止 {id}…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Changing {id} to {type}…</source>
        <translation>正在把 {id} 改为 {type}…</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>price unknown</source>
        <translation>价格未知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>${price}/h</source>
        <translation>${price}/小时</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../app/ui/pages/review.py" line="+50"/>
        <source>&amp;Launch</source>
        <translation>启动(&amp;L)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Account:</source>
        <translation>账户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region:</source>
        <translation>区域：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Machine image:</source>
        <translation>系统映像：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPU type:</source>
        <translation>GPU 类型：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disk:</source>
        <translation>磁盘：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work disk:</source>
        <translation>工作盘：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network:</source>
        <translation>网络：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key pair:</source>
        <translation>密钥对：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>What will be launched</source>
        <translation>将要启动的内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the machine when the notebook has been idle for</source>
        <translation>笔记本闲置超过此时长即停止机器：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> minutes</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stop the machine, busy or not, after</source>
        <translation>无论是否繁忙，在以下时长后停止机器：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> hours</source>
        <translation> 小时</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>optional, e.g. https://github.com/you/project.git</source>
        <translation>可选，例如 https://github.com/you/project.git</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Clone this Git repository:</source>
        <translation>克隆此 Git 仓库：</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Check your choices and the price, then launch.</source>
        <translation>检查您的选择和价格，然后启动。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{account} (profile {profile})</source>
        <translation>{account}（配置文件 {profile}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{software} ({image})</source>
        <translation>{software}（{image}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>spot</source>
        <translation>Spot（竞价）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>on-demand</source>
        <translation>按需</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{type}: {count} x {gpu} ({memory:g} GiB), {vcpus} vCPUs, {market}</source>
        <translation>{type}：{count} x {gpu}（{memory:g} GiB），{vcpus} 个 vCPU，{market}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{type}, {market}</source>
        <translation>{type}，{market}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>deleted with the machine</source>
        <translation>随机器一起删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kept after the machine is terminated</source>
        <translation>机器终止后保留</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{size} GiB {type}, {keep}</source>
        <translation>{size} GiB {type}，{keep}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>existing group {id}</source>
        <translation>现有安全组 {id}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a new security group</source>
        <translation>新的安全组</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>only this computer</source>
        <translation>仅限本机</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTTPS on port 8888</source>
        <translation>8888 端口上的 HTTPS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SSH tunnel</source>
        <translation>SSH 隧道</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{group}; SSH from {who}; notebook through {access}</source>
        <translation>{group}；SSH 来源：{who}；笔记本访问方式：{access}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a new {type} key made on this computer</source>
        <translation>在本机生成的新 {type} 密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a new {type} key made by AWS</source>
        <translation>由 AWS 生成的新 {type} 密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your key pair {name}</source>
        <translation>您的密钥对 {name}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>none: your files go with the machine</source>
        <translation>无：您的文件随机器一起删除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>new, {size} GiB encrypted gp3 at ~/work, kept after the machine (about ${monthly:.2f} per month)</source>
        <translation>新建，{size} GiB 加密 gp3，挂载在 ~/work，机器终止后保留（每月约 ${monthly:.2f}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} from before, at ~/work</source>
        <translation>之前的 {name}，挂载在 ~/work</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Checking the permissions of this launch…</source>
        <translation>正在检查此次启动所需的权限…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Disk: {size} GiB {type}, about ${monthly:.2f} per month while it exists (also while the machine is stopped)</source>
        <translation>磁盘：{size} GiB {type}，存在期间每月约 ${monthly:.2f}（机器停止时也收费）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Price unknown</source>
        <translation>价格未知</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AWS did not tell us the price of this type; see the AWS pricing page.</source>
        <translation>AWS 未提供此类型的价格；请查看 AWS 定价页面。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>${hourly:.2f} per hour, ${daily:.2f} per {hours}-hour day</source>
        <translation>每小时 ${hourly:.2f}，每天使用 {hours} 小时为 ${daily:.2f}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Billed while the machine runs, plus its disk while the disk exists. Stopping the machine stops the hourly charge.</source>
        <translation>机器运行期间计费，磁盘存在期间另收磁盘费用。停止机器即停止按小时计费。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Counted from each start and enforced by the machine itself, even with this computer off. Ten minutes before, a warning appears in its terminals and the notebook&apos;s log.</source>
        <translation>从每次启动开始计时，由机器自身执行，即使本电脑已关闭也有效。停止前十分钟，它的终端和笔记本日志中会出现警告。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A one-time spot machine cannot be stopped: at the limit it is terminated, and its disk is deleted with it unless you keep it.</source>
        <translation>一次性竞价机器无法停止：到达上限时它会被终止，除非您选择保留磁盘，否则磁盘会随之删除。</translation>
    </message>
</context>
<context>
    <name>StepPanel</name>
    <message>
        <location filename="../../app/ui/side_panel.py" line="+33"/>
        <source>DEMO
Nothing real is launched or billed.</source>
        <translation>演示模式
不会真正启动任何资源，也不会产生费用。</translation>
    </message>
</context>
<context>
    <name>StopAllDialog</name>
    <message>
        <location filename="../../app/ui/stop_all_dialog.py" line="+27"/>
        <source>Stop everything?</source>
        <translation>全部停止？</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stop these {count} machines? Together they cost ${hourly:.3f} per hour. Their disks are kept (and billed) until you terminate them.</source>
        <translation>停止这 {count} 台机器？它们合计每小时 ${hourly:.3f}。它们的磁盘会保留（并继续计费），直到您终止它们。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No machine that can be stopped is running.</source>
        <translation>没有可以停止的正在运行的机器。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also terminate these one-time spot machines (AWS cannot stop them; their disks and files are deleted):</source>
        <translation>同时终止这些一次性竞价机器（AWS 无法停止它们；其磁盘和文件将被删除）：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stop everything</source>
        <translation>全部停止</translation>
    </message>
</context>
<context>
    <name>StoragePage</name>
    <message>
        <location filename="../../app/ui/pages/storage.py" line="+32"/>
        <source>gp3: general purpose SSD (recommended)</source>
        <translation>gp3：通用型 SSD（推荐）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gp2: older general purpose SSD</source>
        <translation>gp2：上一代通用型 SSD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>io1: provisioned IOPS SSD</source>
        <translation>io1：预配置 IOPS SSD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>io2: provisioned IOPS SSD</source>
        <translation>io2：预配置 IOPS SSD</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the disk when the machine is terminated (recommended)</source>
        <translation>机器终止时删除磁盘（推荐）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A disk that is kept after termination is billed until you delete it in the AWS console.</source>
        <translation>终止后保留的磁盘会一直计费，直到您在 AWS 控制台中将其删除。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cost:</source>
        <translation>费用：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work disk:</source>
        <translation>工作盘：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The machine&apos;s own disk holds the software; the work disk (~/work) holds your notebooks and data and outlives the machine.</source>
        <translation>机器自身的磁盘存放软件；工作盘（~/work）存放您的笔记本和数据，机器终止后仍然保留。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The machine image needs at least {size} GiB.</source>
        <translation>该系统映像至少需要 {size} GiB。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Looking for your kept work disks…</source>
        <translation>正在查找您保留的工作盘…</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>about ${cost:.2f} per month while the disk exists</source>
        <translation>磁盘存在期间每月约 ${cost:.2f}</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <location filename="../../app/ui/worker.py" line="+85"/>
        <source>Something went wrong: {error}. The log has the details.</source>
        <extracomment>A core call as the runner sees it: ``fn(progress, cancel) -&gt; result``.</extracomment>
        <translation>出现问题：{error}。详细信息请查看日志。</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../app/ui/transfer_dialog.py" line="+41"/>
        <source>Connecting to the machine…</source>
        <translation>正在连接机器…</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>File {n} of {count}: {name}</source>
        <translation>第 {n} 个文件，共 {count} 个：{name}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{count} file(s), {size} in {seconds} s.</source>
        <translation>{count} 个文件，{size}，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancelled. Start it again to continue where it stopped.</source>
        <translation>已取消。再次开始即可从中断处继续。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../app/ui/tray.py" line="+24"/>
        <source>EC2 Notebook Wizard: your notebook is open</source>
        <translation>EC2 Notebook Wizard：笔记本已打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Notebook</source>
        <translation>打开笔记本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the window</source>
        <translation>显示窗口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the machine and quit</source>
        <translation>停止机器并退出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit, keep the machine running</source>
        <translation>退出，但保持机器运行</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Your machine is still running</source>
        <translation>您的机器仍在运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{instance} has been running for {hours:.1f} hours and is billed by the hour. Stop it from this icon&apos;s menu if you are done.</source>
        <translation>{instance} 已运行 {hours:.1f} 小时，按小时计费。如果用完了，请从此图标的菜单中停止它。</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../app/ui/pages/welcome.py" line="+23"/>
        <source>New notebook</source>
        <translation>新建笔记本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Launch a GPU machine on AWS with Jupyter and open it in your browser.</source>
        <translation>在 AWS 上启动一台带 Jupyter 的 GPU 机器，并在浏览器中打开。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>My instances</source>
        <translation>我的实例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See, open, stop or remove the machines this app launched before.</source>
        <translation>查看、打开、停止或删除本程序之前启动的机器。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&lt;b&gt;How it works&lt;/b&gt;&lt;ol&gt;&lt;li&gt;Choose your AWS account, the software and the GPU: the recommended choices are already made.&lt;/li&gt;&lt;li&gt;The wizard starts the machine, makes a key only you hold, and starts Jupyter on it.&lt;/li&gt;&lt;li&gt;Your notebook opens in your browser through a private SSH tunnel.&lt;/li&gt;&lt;/ol&gt;The machine stops by itself after an hour without use, so a forgotten notebook does not keep costing money.</source>
        <translation>&lt;b&gt;使用方法&lt;/b&gt;&lt;ol&gt;&lt;li&gt;选择您的 AWS 账户、软件和 GPU：推荐选项已预先选好。&lt;/li&gt;&lt;li&gt;向导启动机器，生成只有您持有的密钥，并在机器上启动 Jupyter。&lt;/li&gt;&lt;li&gt;笔记本通过专用 SSH 隧道在您的浏览器中打开。&lt;/li&gt;&lt;/ol&gt;机器闲置一小时后会自动停止，忘记关闭的笔记本不会一直产生费用。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Open a Jupyter notebook on an AWS GPU machine, in a few clicks.</source>
        <translation>只需点击几下，即可在 AWS GPU 机器上打开 Jupyter 笔记本。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Looking for machines still running…</source>
        <translation>正在查找仍在运行的机器…</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n machine(s) you launched earlier are still running and billing: {names}.</source>
        <translation>
            <numerusform>您之前启动的 %n 台机器仍在运行并计费：{names}。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Together about ${price:.2f} per hour.</source>
        <translation>合计每小时约 ${price:.2f}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open “My instances” to stop them.</source>
        <translation>打开“我的实例”即可停止它们。</translation>
    </message>
</context>
<context>
    <name>WorkDiskPicker</name>
    <message>
        <location filename="../../app/ui/work_disk_picker.py" line="+52"/>
        <source>Move it here…</source>
        <translation>迁移到这里…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Move {name} ({zone}) here…</source>
        <translation>把 {name}（{zone}）迁移到这里…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New work disk</source>
        <translation>新建工作盘</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reuse {name} ({size} GiB, {zone}, ${cost:.2f}/month)</source>
        <translation>重新使用 {name}（{size} GiB，{zone}，每月 ${cost:.2f}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No work disk</source>
        <translation>不使用工作盘</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>attached to {instance}</source>
        <translation>已挂接到 {instance}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in {zone}: move it first (Move it here…)</source>
        <translation>位于 {zone}：请先迁移（迁移到这里…）</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>An encrypted disk mounted at ~/work, the notebook&apos;s folder. It outlives the machine: about ${cost:.2f} per month while you keep it.</source>
        <translation>一块加密磁盘，挂载在笔记本文件夹 ~/work。机器终止后它仍然保留：保留期间每月约 ${cost:.2f}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your files stay on the machine&apos;s own disk and go when it is terminated.</source>
        <translation>您的文件保存在机器自身的磁盘上，机器终止时一并删除。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your files from before, at ~/work. The machine starts in {zone}, where the disk is.</source>
        <translation>您之前的文件，位于 ~/work。机器将在磁盘所在的 {zone} 启动。</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <location filename="../../app/core/flow.py" line="+124"/>
        <source>Check your credentials first.</source>
        <extracomment>The pages of a new launch, in order: the side panel lists these. Pages after which there is no way back: the launch has started or is over.</extracomment>
        <translation>请先检查您的凭证。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a machine image.</source>
        <translation>请选择系统映像。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a GPU type.</source>
        <translation>请选择 GPU 类型。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the instance to open.</source>
        <translation>请选择要打开的实例。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wait until the notebook is ready.</source>
        <translation>请等待笔记本就绪。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Check that the key file belongs to the EC2 key pair.</source>
        <translation>请检查密钥文件是否属于该 EC2 密钥对。</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/profiles.py" line="+174"/>
        <source>&apos;{name}&apos; cannot be a profile name: use letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos;.</source>
        <translation>“{name}”不能用作配置文件名称：只能使用字母、数字、“-”、“_”或“.”。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../../app/core/plan.py" line="+126"/>
        <source>&apos;{region}&apos; is not an AWS region name (like us-east-1).</source>
        <extracomment>SSH ranges with a shorter prefix (more than 65,536 addresses) need the user&apos;s confirmation. User info in a Git URL: ``scheme://USERINFO@`` or scp-like ``USERINFO@host:path``. The work disk mounted at ~/work: &quot;new:GIB&quot;, a kept disk&apos;s name, or &quot;none&quot; (issue 14). The user confirmed an SSH range wider than /16 (``--allow-wide-cidr``, the network page). Hard limit: the instance stops itself this many hours after each start, busy or not.</extracomment>
        <translation>“{region}”不是 AWS 区域名称（例如 us-east-1）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Only a pasted access key pair can be saved as a profile.</source>
        <translation>只有粘贴的访问密钥才能另存为配置文件。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A profile named &apos;{name}&apos; exists already; it was left unchanged.</source>
        <translation>名为“{name}”的配置文件已存在，未作更改。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose another name.</source>
        <translation>请选择其他名称。</translation>
    </message>
    <message>
        <location filename="../../app/core/plan.py" line="+6"/>
        <source>&apos;{image_id}&apos; is not an AMI id (ami- and 8 or 17 hex digits).</source>
        <translation>“{image_id}”不是 AMI ID（ami- 加 8 或 17 位十六进制数字）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;{instance_type}&apos; is not an instance type (like g5.xlarge).</source>
        <translation>“{instance_type}”不是实例类型（例如 g5.xlarge）。</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/instances.py" line="+333"/>
        <location filename="../../app/core/plan.py" line="+9"/>
        <source>The disk must be at least {min_volume_gib} GiB: the machine image needs that much; {volume_gib} GiB is too small.</source>
        <translation>磁盘至少需要 {min_volume_gib} GiB：系统映像需要这么多空间；{volume_gib} GiB 太小。</translation>
    </message>
    <message>
        <location filename="../../app/core/plan.py" line="+8"/>
        <source>The disk size must be between {low} and {high} GiB.</source>
        <translation>磁盘大小必须在 {low} 到 {high} GiB 之间。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;{volume_type}&apos; is not a supported volume type (gp3, gp2, io1, io2).</source>
        <translation>“{volume_type}”不是支持的卷类型（gp3、gp2、io1、io2）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&apos;{ssh_cidr}&apos; is not an IP address range (like 203.0.113.7/32).</source>
        <translation>“{ssh_cidr}”不是 IP 地址范围（例如 203.0.113.7/32）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Only IPv4 ranges are supported for SSH access.</source>
        <translation>SSH 访问只支持 IPv4 地址范围。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;{ssh_cidr}&apos; is wider than /16: confirm that this many addresses may try to log in over SSH.</source>
        <translation>“{ssh_cidr}”比 /16 更宽：请确认允许这么多地址尝试通过 SSH 登录。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The repository address contains a user name or password, which would be stored on the instance and in AWS: remove it and use a deploy key or a Git credential helper on the instance instead.</source>
        <translation>仓库地址中含有用户名或密码，它们会被保存在实例上和 AWS 中：请将其删除，改为在实例上使用部署密钥 (deploy key) 或 Git 凭据助手。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose the existing security group to use.</source>
        <translation>请选择要使用的现有安全组。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose your private key file and the EC2 key pair it belongs to.</source>
        <translation>请选择您的私钥文件及其所属的 EC2 密钥对。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The key type must be ed25519 or rsa.</source>
        <translation>密钥类型必须是 ed25519 或 rsa。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The PuTTY key version must be 2 or 3.</source>
        <translation>PuTTY 密钥版本必须是 2 或 3。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Idle auto-stop must be between {low} and {high} minutes.</source>
        <translation>空闲自动停止时间必须在 {low} 到 {high} 分钟之间。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The time limit must be between {low} and {high} hours.</source>
        <translation>时间上限必须在 {low} 到 {high} 小时之间。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;{git_repo}&apos; does not look like a Git URL (https:// or git@).</source>
        <translation>“{git_repo}”看起来不是 Git 地址（https:// 或 git@）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../app/core/remote/commands.py" line="+96"/>
        <source>A pinned host key must be a SHA256:... fingerprint.</source>
        <translation>固定的主机密钥必须是 SHA256:... 格式的指纹。</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/quotas.py" line="+212"/>
        <source>The wizard does not know which vCPU quota {instance_type} ({market}) counts against.</source>
        <translation>向导不知道 {instance_type}（{market}）计入哪一项 vCPU 配额。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not read your quota &apos;{quota}&apos; ({reason}). If it is too low, the launch will say so.</source>
        <translation>无法读取您的配额“{quota}”（{reason}）。如果配额太低，启动时会提示。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Quota &apos;{quota}&apos; in {region}: {limit} vCPUs, {used} in use; {instance_type} needs {vcpus}.</source>
        <translation>{region} 中的配额“{quota}”：{limit} 个 vCPU，已使用 {used} 个；{instance_type} 需要 {vcpus} 个。</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Quota &apos;{quota}&apos; in {region}: unknown (default {default} vCPUs). Service Quotas shows your account&apos;s value only once it has been changed; {instance_type} needs {vcpus}.</source>
        <translation>{region} 中的配额“{quota}”：未知（默认 {default} 个 vCPU）。只有在配额被更改过之后，Service Quotas 才会显示您账户的实际值；{instance_type} 需要 {vcpus} 个。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Your quota &apos;{quota}&apos; in {region} allows {limit} vCPUs; {used} are in use and {instance_type} needs {vcpus}, so the quota must be at least {needed}. Request an increase to {needed} vCPUs (&apos;Request increase&apos;, or the Service Quotas console); AWS answers within minutes to a few days. Then launch again.</source>
        <translation>您在 {region} 中的配额“{quota}”允许 {limit} 个 vCPU；已使用 {used} 个，{instance_type} 需要 {vcpus} 个，因此配额至少需要 {needed}。请申请提高到 {needed} 个 vCPU（“申请提高配额”，或 Service Quotas 控制台）；AWS 会在几分钟到几天内答复。之后再重新启动。</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Your quota &apos;{quota}&apos; in {region} allows {limit} vCPUs; {used} are in use and {instance_type} needs {vcpus}, so the quota must be at least {needed}. New AWS accounts start at 0 for GPU instances. Request an increase to {needed} vCPUs (&apos;Request increase&apos;, or the Service Quotas console); AWS answers within minutes to a few days. Then launch again.</source>
        <translation>您在 {region} 中的配额“{quota}”允许 {limit} 个 vCPU；已使用 {used} 个，{instance_type} 需要 {vcpus} 个，因此配额至少需要 {needed}。新 AWS 账户的 GPU 实例配额初始为 0。请申请提高到 {needed} 个 vCPU（“申请提高配额”，或 Service Quotas 控制台）；AWS 会在几分钟到几天内答复。之后再重新启动。</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/security_group.py" line="+100"/>
        <source>{group_id}: your address is now {cidr} (was {old})</source>
        <translation>{group_id}：您的地址现在是 {cidr}（之前是 {old}）</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Could not check your IP address again ({reason}); the group still allows the address of the first launch.</source>
        <translation>无法再次检查您的 IP 地址（{reason}）；安全组仍允许首次启动时的地址。</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/context.py" line="+142"/>
        <source>An HTTPS proxy is set ({variable}): {address} may be the proxy&apos;s address, not this computer&apos;s. If SSH cannot connect, allow your own address range instead (Network page, or --ssh-cidr).</source>
        <extracomment>Asked when the console shows no host key and none is pinned (the GUI&apos;s dialog). True once the instance was started moments ago (by this run, or by an earlier run that stopped just now): AWS may not know its id yet (eventual consistency), so a NotFound about it is retried, not believed. Started by the job before the first step: the user&apos;s address, a new local key. The zone of the reused work disk: the instance must run there (None: any zone). What the user must know although the launch went on (shown on the Done page / CLI).</extracomment>
        <translation>已设置 HTTPS 代理（{variable}）：{address} 可能是代理的地址，而不是本机的地址。如果 SSH 无法连接，请改为允许您自己的地址范围（“网络”页面，或 --ssh-cidr）。</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/running.py" line="+68"/>
        <source>No idle alarm: AWS cannot stop a one-time spot instance, only terminate it. Terminate it when you are done.</source>
        <translation>没有空闲告警：AWS 无法停止一次性竞价实例，只能终止它。用完后请终止它。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The idle alarm could not be created ({reason}); only the idle agent on the instance will stop it.</source>
        <translation>无法创建空闲告警（{reason}）；只有实例上的空闲代理会停止它。</translation>
    </message>
    <message>
        <location filename="../../app/core/errors.py" line="+48"/>
        <source>{message} {hint}</source>
        <translation>{message}{hint}</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../app/core/launch/runner.py" line="+29"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/runner.py" line="+19"/>
        <source>{title}…</source>
        <translation>{title}…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Unexpected error.</source>
        <translation>意外错误。</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/identity.py" line="+25"/>
        <source>Account {account} ({arn})</source>
        <translation>账户 {account}（{arn}）</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/quota.py" line="+23"/>
        <source>Not needed: the instance was already requested.</source>
        <translation>无需执行：实例已经申请过了。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Could not check the quota ({reason}); launching anyway.</source>
        <translation>无法检查配额（{reason}）；仍继续启动。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enough vCPU quota for {vcpus} vCPUs.</source>
        <translation>vCPU 配额足够 {vcpus} 个 vCPU 使用。</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/keys.py" line="+25"/>
        <source>{resource} (from before)</source>
        <extracomment>A step&apos;s note for what an earlier, interrupted run of the launch already made.</extracomment>
        <translation>{resource}（之前创建的）</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/security_group.py" line="-30"/>
        <source>{group_id}: {protocols} from {cidr} only</source>
        <translation>{group_id}：仅允许来自 {cidr} 的 {protocols}</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/keys.py" line="+1"/>
        <source>{key_name}, private key in {path}</source>
        <translation>{key_name}，私钥保存在 {path}</translation>
    </message>
    <message>
        <location line="+152"/>
        <source>{key_name} matches {file}</source>
        <translation>{key_name} 与 {file} 匹配</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/instance.py" line="+62"/>
        <source>{instance_id} in {zone}</source>
        <translation>{instance_id}，位于 {zone}</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/running.py" line="-33"/>
        <source>Running at {address}</source>
        <translation>运行于 {address}</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/host_keys.py" line="+30"/>
        <source>Pinned; not checked (no SSH in this demo).</source>
        <translation>已固定；未检查（此演示中没有 SSH）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pinned: {fingerprint}</source>
        <translation>已固定：{fingerprint}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The console output shows none yet: you will be asked.</source>
        <translation>控制台输出中还没有主机密钥：稍后会询问您。</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/ssh.py" line="+24"/>
        <source>DEMO: no OpenSSH server on this computer to stand in for the instance.</source>
        <translation>演示：本机没有可代替实例的 OpenSSH 服务器。</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/notebook.py" line="+21"/>
        <location filename="../../app/core/launch/steps/tunnel.py" line="+21"/>
        <source>DEMO: skipped without an SSH server.</source>
        <translation>演示：没有 SSH 服务器，已跳过。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Jupyter {version} on port {port}; {gpu}</source>
        <translation>Jupyter {version}，端口 {port}；{gpu}</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/tunnel.py" line="+6"/>
        <source>Not needed: the notebook is reached over HTTPS.</source>
        <translation>无需执行：笔记本通过 HTTPS 访问。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{local_url} → instance port {port}</source>
        <translation>{local_url} → 实例端口 {port}</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/ready.py" line="+16"/>
        <source>Provisioned (DEMO without SSH): no notebook to open.</source>
        <translation>资源已创建（无 SSH 的演示）：没有可打开的笔记本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notebook ready: {url}</source>
        <translation>笔记本已就绪：{url}</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/running.py" line="-18"/>
        <source>Starting {instance_id} again (it was stopped)</source>
        <translation>正在重新启动 {instance_id}（它已停止）</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/cleanup.py" line="+61"/>
        <source>terminating {instance_id}</source>
        <translation>正在终止 {instance_id}</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/job.py" line="+121"/>
        <source>Launch {launch_id} was terminated; there is nothing to open.</source>
        <translation>启动 {launch_id} 已终止，没有可打开的内容。</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/runner.py" line="+3"/>
        <source>The launch stopped at &apos;{step}&apos; because of an unexpected error.</source>
        <translation>由于意外错误，启动在“{step}”步骤中止。</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/overrides.py" line="+73"/>
        <source>{variable}=&apos;{value}&apos; is not [user@]host:port.</source>
        <extracomment>A stand-in&apos;s folder of work-disk devices (instead of /dev/disk/by-id) and its fstab. Where the notebook&apos;s files go on the stand-in (a sandbox, not the user&apos;s own home). Stop after the host keys (the demo on a computer without an OpenSSH server). A stand-in&apos;s work-disk devices and fstab (``app.demo.ebs_stand_in``); None: the real ones. The stand-in&apos;s instance metadata (a fake IMDSv2 server on loopback), its poll pace and its ``wall`` (none by default: a stand-in&apos;s terminals are the developer&apos;s own).</extracomment>
        <translation>{variable}=&apos;{value}&apos; 不是 [user@]host:port 格式。</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/architecture.py" line="+76"/>
        <source>{instance_type} runs {type_architecture} programs, but the machine image {image_id} is for {image_architecture}.</source>
        <translation>{instance_type} 运行 {type_architecture} 架构的程序，但系统映像 {image_id} 面向 {image_architecture} 架构。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The machine image {image_name} does not support {instance_type}; it supports {supported}.</source>
        <translation>机器镜像 {image_name} 不支持 {instance_type}；它支持的实例系列为 {supported}。</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Choose a GPU type for {image_architecture} (such as {families}) or a machine image for {type_architecture}.</source>
        <extracomment>GPU families to suggest for an image of each architecture.</extracomment>
        <translation>请选择适用于 {image_architecture} 的 GPU 类型（例如 {families}），或选择适用于 {type_architecture} 的系统映像。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose a machine image for {type_architecture}.</source>
        <translation>请选择适用于 {type_architecture} 的系统映像。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Choose a GPU type of one of those families, or another machine image.</source>
        <translation>请选择属于这些系列的 GPU 类型，或选择其他机器镜像。</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/quota.py" line="-15"/>
        <source>Request a quota increase (the wizard&apos;s GPU page has a button), or choose a smaller instance type.</source>
        <translation>请申请提高配额（向导的 GPU 页面上有按钮），或选择更小的实例类型。</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/cleanup.py" line="+108"/>
        <source>waiting for AWS to release the network interface, {seconds} s</source>
        <translation>正在等待 AWS 释放网络接口，{seconds} 秒</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Deleting security group {group_id}</source>
        <translation>正在删除安全组 {group_id}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Deleting key pair {key_name}</source>
        <translation>正在删除密钥对 {key_name}</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/instances.py" line="+11"/>
        <source>{instance_id} was already started</source>
        <translation>{instance_id} 已经启动过了</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{instance_type} is not offered in any zone of {region}.</source>
        <translation>{region} 的任何可用区都不提供 {instance_type}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose another GPU type or region.</source>
        <translation>请选择其他 GPU 类型或区域。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Requesting {instance_type} in {zone}</source>
        <translation>正在 {zone} 申请 {instance_type}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No {instance_type} capacity in {zone}; trying the next zone</source>
        <translation>{zone} 没有可用的 {instance_type} 容量；正在尝试下一个可用区</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>There is no spot capacity for {instance_type} in any zone of {region} now.</source>
        <translation>{region} 的所有可用区目前都没有 {instance_type} 的 Spot 容量。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Launch on-demand instead (available more often), or try again later.</source>
        <translation>请改用按需实例启动（通常更容易获得），或稍后重试。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>AWS took the spot machine {instance_id} back (it is {state} now).</source>
        <translation>AWS 收回了竞价机器 {instance_id}（它现在{state}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You did not stop or terminate it: spot capacity ran out. Launch again like it, on-demand if it must not be interrupted.</source>
        <translation>不是您停止或终止了它：竞价容量不足。请按同样的设置重新启动一台；如果不能再被中断，请选择按需。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The instance {instance_id} is {state} instead of running: {reason}</source>
        <translation>实例 {instance_id} 的状态为 {state}，而不是运行中：{reason}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The instance {instance_id} is {state} instead of running.</source>
        <translation>实例 {instance_id} 的状态为 {state}，而不是运行中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Spot capacity may have been taken back; launch again or choose on-demand.</source>
        <translation>Spot 容量可能已被收回；请重新启动，或改用按需实例。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{instance_id} is running at {address}</source>
        <translation>{instance_id} 正在 {address} 上运行</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The instance {instance_id} did not get running with a public address within {seconds} s (it is {state}).</source>
        <translation>实例 {instance_id} 在 {seconds} 秒内未进入运行状态或未获得公网地址（当前状态：{state}）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Look at it in the EC2 console; the default subnet must assign public IPs.</source>
        <translation>请在 EC2 控制台中查看；默认子网必须分配公网 IP。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+44"/>
        <source>{instance_id} is {state}, {seconds} s</source>
        <translation>{instance_id} 状态：{state}，{seconds} 秒</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>{instance_id} is still {state} after {seconds} s.</source>
        <translation>{seconds} 秒后 {instance_id} 仍处于 {state} 状态。</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/console.py" line="+33"/>
        <source>host key</source>
        <extracomment>What a cut or damaged console key is called (the key reader&apos;s error, never shown: skipped).</extracomment>
        <translation>主机密钥</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>{count} host keys read from the console</source>
        <translation>从控制台读取了 {count} 个主机密钥</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The instance&apos;s console output shows no SSH host keys yet, so its identity cannot be checked automatically.</source>
        <translation>实例的控制台输出中还没有 SSH 主机密钥，因此无法自动核实其身份。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Compare the fingerprint with the EC2 console (Actions &gt; Monitor &gt; Get system log) before trusting it.</source>
        <translation>信任之前，请先与 EC2 控制台中的指纹核对（操作 &gt; 监控 &gt; 获取系统日志）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>waiting for the host keys in the console output, {seconds} s</source>
        <translation>正在等待控制台输出中的主机密钥，{seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/catalog.py" line="+102"/>
        <source>{instance_type} is not offered in {region}.</source>
        <translation>{region} 不提供 {instance_type}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose another instance type or region.</source>
        <translation>请选择其他实例类型或区域。</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Reading the GPU instance types of {region}</source>
        <translation>正在读取 {region} 的 GPU 实例类型</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{count} GPU types; reading zones and prices</source>
        <translation>{count} 种 GPU 类型；正在读取可用区和价格</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{count} GPU types in {region} (prices: {source})</source>
        <translation>{region} 中有 {count} 种 GPU 类型（价格来源：{source}）</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/fleet.py" line="+265"/>
        <source>Stopping {instance_id}</source>
        <translation>正在停止 {instance_id}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{instance_id} is a one-time spot instance: AWS cannot stop it, only terminate it.</source>
        <translation>{instance_id} 是一次性竞价实例：AWS 无法停止它，只能终止它。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Terminate it when you are done (your files on its disk are deleted with it); to keep a machine you can stop, launch a persistent spot or an on-demand instance.</source>
        <translation>用完后请终止它（其磁盘上的文件会一并删除）；如需可以停止的机器，请启动持久竞价实例或按需实例。</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/capacity.py" line="+81"/>
        <source>AWS has no free {instance_type} machine in {zone} right now, so {instance_id} cannot start.</source>
        <translation>AWS 目前在 {zone} 没有空闲的 {instance_type} 机器，因此 {instance_id} 无法启动。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wait and try again (capacity usually comes back within minutes to hours), change it to another GPU type offered in {zone}, or move it to another zone.</source>
        <translation>请稍后重试（容量通常在几分钟到几小时内恢复），或改用 {zone} 提供的其他 GPU 类型，或把它迁移到另一个可用区。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>No {instance_type} free in {zone} yet (attempt {attempt}); trying again in {seconds} s, for {minutes} more minutes at most.</source>
        <translation>{zone} 仍没有空闲的 {instance_type}（第 {attempt} 次尝试）；{seconds} 秒后重试，最多再等 {minutes} 分钟。</translation>
    </message>
    <message>
        <location line="+17"/>
        <location filename="../../app/core/aws/fleet.py" line="+25"/>
        <source>Starting {instance_id}</source>
        <translation>正在启动 {instance_id}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>AWS still had no free {instance_type} machine in {zone} after {minutes} minutes.</source>
        <translation>等待 {minutes} 分钟后，AWS 在 {zone} 仍没有空闲的 {instance_type} 机器。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose another GPU type offered in {zone}, or move the machine to another zone.</source>
        <translation>请选择 {zone} 提供的其他 GPU 类型，或把机器迁移到另一个可用区。</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/fleet.py" line="+27"/>
        <source>Terminating {instance_id}</source>
        <translation>正在终止 {instance_id}</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/forwards.py" line="+64"/>
        <source>&apos;{text}&apos; is not a port to forward.</source>
        <translation>“{text}”不是可以转发的端口。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write REMOTE or REMOTE:LOCAL, for example 6006.</source>
        <translation>请写成 REMOTE 或 REMOTE:LOCAL，例如 6006。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Port {port} is not between 1 and 65535.</source>
        <translation>端口 {port} 不在 1 到 65535 之间。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing listens on port {port} on the instance: start the program that serves it there (on 127.0.0.1 or all addresses), then try again.</source>
        <translation>实例上没有程序在监听端口 {port}：请先在实例上启动提供该服务的程序（监听 127.0.0.1 或所有地址），然后重试。</translation>
    </message>
    <message>
        <location line="+48"/>
        <location filename="../../app/core/remote/tunnel.py" line="+162"/>
        <location line="+38"/>
        <source>The tunnel is closed.</source>
        <translation>隧道已关闭。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No local port is free for the forward.</source>
        <translation>本机没有可用于转发的空闲端口。</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/tunnel.py" line="-32"/>
        <source>The instance cannot be reached.</source>
        <translation>无法连接到实例。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>SSH connection dropped; reconnecting</source>
        <translation>SSH 连接已断开；正在重新连接</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The SSH connection closed at once.</source>
        <translation>SSH 连接立即被关闭。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>reconnected</source>
        <translation>已重新连接</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The SSH tunnel could not be reopened.</source>
        <translation>无法重新打开 SSH 隧道。</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/connect.py" line="+185"/>
        <location line="+30"/>
        <source>waiting for SSH, {seconds} s</source>
        <translation>正在等待 SSH，{seconds} 秒</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The instance refused {key} for user &apos;{user}&apos;.</source>
        <translation>实例拒绝了用户“{user}”的密钥 {key}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check that the key belongs to the instance&apos;s key pair and that the user name fits the machine image (ubuntu for Ubuntu, ec2-user for Amazon Linux).</source>
        <translation>请确认该密钥属于实例的密钥对，并且用户名与系统映像相符（Ubuntu 用 ubuntu，Amazon Linux 用 ec2-user）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>SSH on {host}:{port} did not answer within {seconds} s.</source>
        <translation>{host}:{port} 上的 SSH 在 {seconds} 秒内没有响应。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The instance may still be starting, or its security group does not allow SSH from your current address.</source>
        <translation>实例可能仍在启动，或者其安全组不允许来自您当前地址的 SSH 连接。</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/bootstrap.py" line="+356"/>
        <source>waiting for the setup started at boot to finish</source>
        <extracomment>What resources/remote/bootstrap.sh says on its &quot;ec2nb: &quot; lines (keep in step with it).</extracomment>
        <translation>正在等待开机时启动的设置完成</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/states.py" line="+11"/>
        <location filename="../../app/core/remote/bootstrap.py" line="+1"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/bootstrap.py" line="-198"/>
        <source>The idle agent cannot be embedded.</source>
        <extracomment>The work disk (a volume id): mounted at ``&lt;remote_home&gt;/work``, which becomes Jupyter&apos;s root. ``disk_by_id`` and ``fstab``: stand-ins only (default /dev/disk/by-id, /etc/fstab). A whole-line comment of the script (its heredocs hold Python, whose comments these are too).</extracomment>
        <translation>无法嵌入空闲检测程序。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The start-up script is {size} bytes; EC2 accepts at most {limit}.</source>
        <translation>启动脚本有 {size} 字节；EC2 最多接受 {limit} 字节。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The notebook could not be started on the instance: {error}.</source>
        <translation>无法在实例上启动笔记本：{error}。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The notebook could not be stopped.</source>
        <translation>无法停止笔记本。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The notebook&apos;s token could not be read back from the instance.</source>
        <translation>无法从实例读回笔记本的令牌。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The SSH connection to the instance is closed.</source>
        <translation>与实例的 SSH 连接已关闭。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Setting up the notebook took longer than {seconds} s.</source>
        <translation>设置笔记本的时间超过了 {seconds} 秒。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Python environment: {path}</source>
        <translation>Python 环境：{path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>installing JupyterLab (a few minutes)</source>
        <translation>正在安装 JupyterLab（需要几分钟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>making a self-signed certificate</source>
        <translation>正在生成自签名证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>starting Jupyter (systemd service)</source>
        <translation>正在启动 Jupyter（systemd 服务）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>starting Jupyter</source>
        <translation>正在启动 Jupyter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting for Jupyter to answer</source>
        <translation>正在等待 Jupyter 响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cloning {repository}</source>
        <translation>正在克隆 {repository}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>warning: {warning}</source>
        <translation>警告：{warning}</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/preflight.py" line="+144"/>
        <source>Checking {call}</source>
        <translation>正在检查 {call}</translation>
    </message>
    <message>
        <location line="+389"/>
        <source>Checking the calls without a dry run</source>
        <translation>正在检查无法试运行（DryRun）的调用</translation>
    </message>
    <message>
        <location line="-449"/>
        <location line="+3"/>
        <source>Without it the images are found by name.</source>
        <extracomment>Without these the launch goes on, only with less help (the note says what).</extracomment>
        <translation>没有此权限时，将按名称查找机器镜像。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without it the vCPU quota is not checked before launching.</source>
        <translation>没有此权限时，启动前不会检查 vCPU 配额。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Without it the machine&apos;s host key must be confirmed by hand.</source>
        <translation>没有此权限时，必须手动确认机器的主机密钥。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Without it there is no idle alarm; the notebook&apos;s own idle check still stops the machine.</source>
        <translation>没有此权限时不会创建空闲告警；笔记本自身的空闲检查仍会停止机器。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Without it the idle alarm stays after clean-up.</source>
        <translation>没有此权限时，清理后空闲告警仍会保留。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Without it the security group stays after clean-up.</source>
        <translation>没有此权限时，清理后安全组仍会保留。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Without it the key pair stays after clean-up.</source>
        <translation>没有此权限时，清理后密钥对仍会保留。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without it a failed launch&apos;s new work disk stays, and no disk can be deleted.</source>
        <translation>没有此权限，启动失败时新建的工作盘会被留下，也无法删除任何工作盘。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>Without it no spending alert is set; the launch goes on.</source>
        <translation>没有此权限就不会设置支出提醒；启动会继续进行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Needed once per account, for the idle alarm&apos;s stop action.</source>
        <translation>每个账户只需一次，用于空闲告警的停止操作。</translation>
    </message>
    <message>
        <location line="+182"/>
        <source>The region {region} has no default VPC (network).</source>
        <translation>区域 {region} 没有默认 VPC（网络）。</translation>
    </message>
    <message>
        <location line="-125"/>
        <source>AWS answered the dry run without DryRunOperation.</source>
        <translation>AWS 对试运行的回答中没有 DryRunOperation。</translation>
    </message>
    <message>
        <location line="+206"/>
        <source>Not checked: the default VPC&apos;s security groups could not be read.</source>
        <translation>未检查：无法读取默认 VPC 的安全组。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Not checked: the machine image could not be read.</source>
        <translation>未检查：无法读取机器镜像。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+42"/>
        <source>Not checked: no default subnet of a zone offering the type was found.</source>
        <translation>未检查：在提供该实例类型的可用区中找不到默认子网。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>The root user may make every call.</source>
        <translation>根用户可以进行所有调用。</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/simulation.py" line="+67"/>
        <source>Not checked: checking it needs iam:SimulatePrincipalPolicy.</source>
        <translation>未检查：检查它需要 iam:SimulatePrincipalPolicy 权限。</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Not checked: this identity cannot be simulated.</source>
        <extracomment>The codes AWS refuses a call with when a permission is missing.</extracomment>
        <translation>未检查：无法模拟此身份的权限。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not checked: {code}.</source>
        <translation>未检查：{code}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not checked: {reason}</source>
        <translation>未检查：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/identity.py" line="+56"/>
        <source>check the credentials</source>
        <translation>检查凭证</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/session.py" line="+187"/>
        <source>use these credentials</source>
        <translation>使用这些凭证</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>connect to AWS {service}</source>
        <extracomment>Attempts per call (first try included). Standard mode retries throttling (RequestLimitExceeded), 5xx answers and dropped connections with jittered backoff. Services whose answers are nice to have (prices, quotas) give up sooner: the wizard has a fallback for each and should not keep the user waiting for them.</extracomment>
        <translation>连接 AWS {service}</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/regions.py" line="+49"/>
        <source>list the regions</source>
        <extracomment>A region every account of the partition has enabled: where to ask about the others. What AWS answers, in a region the account has not enabled, to credentials that are fine.</extracomment>
        <translation>列出区域</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The region {region} is not enabled for your account.</source>
        <translation>您的账户尚未启用区域 {region}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enable it in the AWS console (account menu &gt; Account &gt; AWS Regions; it takes a few minutes), or choose another region.</source>
        <translation>请在 AWS 控制台中启用它（账户菜单 &gt; 账户 &gt; AWS 区域；需要几分钟），或选择其他区域。</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/amis.py" line="+169"/>
        <source>list the Deep Learning images</source>
        <translation>列出 Deep Learning 映像</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>look up the machine image</source>
        <translation>查询系统映像</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The machine image {image_id} does not exist in {region} or is not shared with your account.</source>
        <translation>系统映像 {image_id} 在 {region} 中不存在，或未与您的账户共享。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>AMI ids differ per region; pick one from this region.</source>
        <translation>每个区域的 AMI ID 都不同；请选择此区域的 AMI。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The machine image {image_id} is {state}, not available.</source>
        <translation>系统映像 {image_id} 的状态为 {state}，不可用。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{image_id} is a Windows image; the notebook needs a Linux image.</source>
        <translation>{image_id} 是 Windows 映像；笔记本需要 Linux 映像。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>look up the Deep Learning image</source>
        <translation>查询 Deep Learning 映像</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No current Deep Learning image {flavour} was found in {region}.</source>
        <translation>在 {region} 中找不到当前的 Deep Learning 映像 {flavour}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No current Deep Learning image was found in {region}.</source>
        <translation>在 {region} 中找不到当前的 Deep Learning 映像。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose another image or region, or enter an AMI id.</source>
        <translation>请选择其他映像或区域，或输入 AMI ID。</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/catalog.py" line="-26"/>
        <source>list the GPU instance types</source>
        <translation>列出 GPU 实例类型</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>list the zones offering GPU types</source>
        <translation>列出提供 GPU 类型的可用区</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/prices.py" line="+180"/>
        <source>read spot prices</source>
        <translation>读取 Spot 价格</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/quotas.py" line="+61"/>
        <source>request a higher vCPU quota</source>
        <translation>申请提高 vCPU 配额</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/catalog.py" line="-128"/>
        <source>describe the instance type</source>
        <translation>查询实例类型</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/instances.py" line="-274"/>
        <location filename="../../app/core/aws/move_targets.py" line="+49"/>
        <location filename="../../app/core/launch/steps/work_disk.py" line="+95"/>
        <source>find the zones offering the type</source>
        <translation>查找提供该类型的可用区</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/network.py" line="+73"/>
        <source>Could not find out this computer&apos;s public IP address.</source>
        <translation>无法查到本机的公网 IP 地址。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the Internet connection, or enter the address range to allow for SSH.</source>
        <translation>请检查网络连接，或手动输入允许 SSH 连接的地址范围。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The public IP service gave an answer that is not an IP address.</source>
        <translation>公网 IP 查询服务返回的不是 IP 地址。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+9"/>
        <source>Enter the address range to allow for SSH by hand.</source>
        <translation>请手动输入允许 SSH 连接的地址范围。</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>{address} is not a public IPv4 address, so it cannot be allowed for SSH.</source>
        <translation>{address} 不是公网 IPv4 地址，因此不能允许其进行 SSH 连接。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>&apos;{address}&apos; is not an IPv4 address or range.</source>
        <translation>“{address}”不是 IPv4 地址或地址范围。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Only IPv4 ranges can be allowed for SSH.</source>
        <translation>SSH 只能允许 IPv4 地址范围。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Opening SSH to the whole Internet (0.0.0.0/0) is refused.</source>
        <translation>拒绝向整个互联网 (0.0.0.0/0) 开放 SSH。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allow your own address (the default) or your network&apos;s range.</source>
        <translation>请只允许您自己的地址（默认）或您所在网络的地址范围。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Opening SSH to {cidr} ({addresses} addresses) is refused without your confirmation.</source>
        <translation>未经您确认，不会向 {cidr}（{addresses} 个地址）开放 SSH。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Allow your own address (the default) or a range of /16 or narrower, or confirm the wide range (--allow-wide-cidr).</source>
        <translation>请只允许您自己的地址（默认），或 /16 及更窄的地址范围；或者确认这个宽范围（--allow-wide-cidr）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>find the default VPC</source>
        <translation>查找默认 VPC</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>create the default VPC</source>
        <translation>创建默认 VPC</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>list the default subnets</source>
        <translation>列出默认子网</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+68"/>
        <source>use the security group</source>
        <translation>使用该安全组</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>create the security group</source>
        <translation>创建安全组</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>update the security group</source>
        <translation>更新安全组</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/keypairs.py" line="+63"/>
        <source>import the key pair</source>
        <translation>导入密钥对</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>An EC2 key pair named {key_name} exists already with another key.</source>
        <translation>名为 {key_name} 的 EC2 密钥对 (Key Pair) 已存在，但对应的是另一个密钥。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete it in the EC2 console, or start a new launch.</source>
        <translation>请在 EC2 控制台中删除它，或重新开始一次启动。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The key type must be rsa or ed25519.</source>
        <translation>密钥类型必须是 rsa 或 ed25519。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>create the key pair</source>
        <translation>创建密钥对</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{path} exists already; the new private key was not written over it.</source>
        <translation>{path} 已存在；新私钥没有覆盖它。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose another file name for the key.</source>
        <translation>请为密钥选择其他文件名。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>delete the key pair</source>
        <translation>删除密钥对</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>check the key pair</source>
        <translation>检查密钥对</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There is no EC2 key pair named {key_name} in {region}.</source>
        <translation>{region} 中没有名为 {key_name} 的 EC2 密钥对 (Key Pair)。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Key pairs are per region; pick one from this region or let the wizard make one.</source>
        <translation>密钥对按区域区分；请选择此区域中的密钥对，或让向导新建一个。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The private key file does not belong to the EC2 key pair {key_name}.</source>
        <translation>该私钥文件不属于 EC2 密钥对 (Key Pair) {key_name}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the .pem/.ppk file that was saved when this key pair was created.</source>
        <translation>请选择创建此密钥对时保存的 .pem/.ppk 文件。</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/capacity.py" line="-123"/>
        <location filename="../../app/core/aws/instances.py" line="+116"/>
        <location line="+13"/>
        <location line="+18"/>
        <source>start the instance</source>
        <extracomment>AWS&apos;s answers meaning &quot;no machine of this type free in this zone now&quot;. How long ``--wait-for-capacity`` waits without a number, in minutes.</extracomment>
        <translation>启动实例</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/fleet.py" line="-73"/>
        <source>stop the instance</source>
        <translation>停止实例</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>list your instances&apos; disks</source>
        <translation>列出您实例的磁盘</translation>
    </message>
    <message>
        <location line="+197"/>
        <source>terminate the instance</source>
        <translation>终止实例</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/instances.py" line="-234"/>
        <location filename="../../app/core/aws/relocate.py" line="+191"/>
        <location filename="../../app/core/aws/resize.py" line="+317"/>
        <source>look up the instance</source>
        <translation>查询实例</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The instance {instance_id} no longer exists.</source>
        <translation>实例 {instance_id} 已不存在。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>look up the launch&apos;s instance</source>
        <translation>查询本次启动的实例</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/console.py" line="-43"/>
        <source>read the instance&apos;s console output</source>
        <extracomment>The first wait between polls; it doubles up to ``poll_seconds``. The console is empty for the first stretch of boot, but a boot whose keys come early should not cost a full poll. The curve each ECDSA host key type names, and its public point&apos;s length (uncompressed).</extracomment>
        <translation>读取实例的控制台输出</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/fleet.py" line="-184"/>
        <source>list your instances</source>
        <translation>列出您的实例</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/alarms.py" line="+54"/>
        <source>create the idle alarm</source>
        <extracomment>CPUUtilization is the average over all vCPUs: one busy core of a 192-vCPU machine is 0.5%. Idle means less than half of one vCPU busy, and never more than IDLE_CPU_PERCENT.</extracomment>
        <translation>创建空闲警报</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>delete the idle alarm</source>
        <translation>删除空闲警报</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/cleanup.py" line="-39"/>
        <source>clean up the launch</source>
        <translation>清理本次启动</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>look for left-over resources</source>
        <translation>查找遗留资源</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/quotas.py" line="-134"/>
        <source>your AWS identity may not read Service Quotas (servicequotas:ListServiceQuotas)</source>
        <translation>您的 AWS 身份可能无权读取 Service Quotas (servicequotas:ListServiceQuotas)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Service Quotas could not be reached</source>
        <translation>无法连接 Service Quotas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Service Quotas answered with an error</source>
        <translation>Service Quotas 返回了错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service Quotas answered {code}</source>
        <translation>Service Quotas 返回 {code}</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Service Quotas did not report it</source>
        <extracomment>(family letter, market) -&gt; quota code of the older families; P5 spot is L-C4BD4855 (:func:`app.core.aws.quota_codes.quota_for` knows every type).</extracomment>
        <translation>Service Quotas 未报告此配额</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/states.py" line="-3"/>
        <source>pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>shutting-down</source>
        <translation>正在关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>terminated</source>
        <translation>已终止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deregistered</source>
        <translation>已注销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/registry.py" line="+54"/>
        <source>Check credentials</source>
        <extracomment>The steps that must be done first; the steps of one wave (same depth) run together. The ``CreatedResources`` fields it may fill (what a clean-up will remove).</extracomment>
        <translation>检查凭证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find the machine image</source>
        <translation>查找系统映像</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the vCPU quota</source>
        <translation>检查 vCPU 配额</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Security group</source>
        <translation>安全组</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Key pair</source>
        <translation>密钥对</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Spending alert</source>
        <translation>支出提醒</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Find the work disk</source>
        <translation>查找工作盘</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Launch the instance</source>
        <translation>启动实例</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Wait until it runs</source>
        <translation>等待实例运行</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Get its host key</source>
        <translation>获取主机密钥</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Attach the work disk</source>
        <translation>挂接工作盘</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Connect over SSH</source>
        <translation>通过 SSH 连接</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start Jupyter</source>
        <translation>启动 Jupyter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the tunnel</source>
        <translation>打开隧道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/security_group.py" line="-1"/>
        <source>SSH and HTTPS</source>
        <translation>SSH 和 HTTPS</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/notebook.py" line="-1"/>
        <source>no GPU</source>
        <translation>无 GPU</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/bootstrap.py" line="+5"/>
        <source>no GPU found</source>
        <extracomment>What the script reports as the GPU when nvidia-smi finds none.</extracomment>
        <translation>未找到 GPU</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/prices.py" line="-14"/>
        <source>pricing-api</source>
        <translation>AWS 价格 API (Pricing API)</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+11"/>
        <source>cache</source>
        <translation>本地缓存</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>bundled {date}</source>
        <translation>{date} 的内置价格表</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/errors.py" line="+362"/>
        <source>this region</source>
        <translation>该区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>these</source>
        <translation>这些</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>chosen</source>
        <translation>所选</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>this instance type</source>
        <translation>该实例类型</translation>
    </message>
    <message>
        <location line="-334"/>
        <source>Request a higher vCPU quota (&apos;Request increase&apos; on the GPU page, or the Service Quotas console: Amazon EC2 &gt; &apos;{quota}&apos;); AWS answers in minutes to a few days. Then launch again.</source>
        <translation>请申请提高 vCPU 配额（GPU 页面上的“申请提高配额”，或 Service Quotas 控制台：Amazon EC2 &gt; &apos;{quota}&apos;）；AWS 会在几分钟到几天内答复。之后再重新启动。</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+5"/>
        <location line="+5"/>
        <source>AWS does not recognise this access key.</source>
        <translation>AWS 无法识别此访问密钥。</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+5"/>
        <location line="+5"/>
        <source>Check the access key ID, or pick another profile.</source>
        <translation>请检查访问密钥 ID，或选择其他配置文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The secret access key does not match the access key ID.</source>
        <translation>秘密访问密钥与访问密钥 ID 不匹配。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste the secret key again (it is shown only once, when the key is created).</source>
        <translation>请重新粘贴秘密访问密钥（它只在创建密钥时显示一次）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>AWS did not accept these credentials.</source>
        <translation>AWS 不接受这些凭证。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the access key and secret, or pick another profile.</source>
        <translation>请检查访问密钥 ID 和秘密访问密钥，或选择其他配置文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+5"/>
        <source>These temporary AWS credentials have expired.</source>
        <translation>这些临时 AWS 凭证已过期。</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+5"/>
        <source>Get fresh credentials (a new session token) and try again.</source>
        <translation>请获取新的凭证（新的会话令牌）后重试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The request or its temporary credentials expired before AWS received it.</source>
        <translation>请求或其临时凭证在 AWS 收到之前就已过期。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Get fresh credentials and check that this computer&apos;s clock is right.</source>
        <translation>请获取新的凭证，并确认本机时钟准确。</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Your AWS identity is not allowed to {action} (missing permission {permission}).</source>
        <extracomment>EC2, IAM/STS and the JSON services each spell &quot;not allowed&quot; their own way; one answer.</extracomment>
        <translation>您的 AWS 身份无权{action}（缺少权限 {permission}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask your AWS administrator to allow {permission}, or use a profile that has it.</source>
        <translation>请让 AWS 管理员授予 {permission} 权限，或使用拥有该权限的配置文件。</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Your account is not subscribed to this: the region {region} is not enabled, or the machine image needs a Marketplace subscription.</source>
        <translation>您的账户未订阅此项：区域 {region} 未启用，或该系统映像需要订阅 Marketplace。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enable the region in the AWS console (Account &gt; AWS Regions) or choose another region.</source>
        <translation>请在 AWS 控制台中启用该区域（账户 &gt; AWS 区域），或选择其他区域。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>AWS is still verifying your account, so it cannot start instances in {region} yet.</source>
        <translation>AWS 仍在验证您的账户，因此暂时无法在 {region} 中启动实例。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This usually takes minutes, at most a few hours; try again later.</source>
        <translation>这通常需要几分钟，最多几个小时；请稍后重试。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>AWS has blocked this account from starting instances.</source>
        <translation>AWS 已禁止此账户启动实例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact AWS Support from the console.</source>
        <translation>请在控制台中联系 AWS Support。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your account&apos;s vCPU quota for {family} instances in {region} is too low to start this machine. New accounts start with 0 vCPUs for GPU instances.</source>
        <translation>您的账户在 {region} 中 {family} 实例的 vCPU 配额 (Service Quotas) 太低，无法启动这台机器。新账户的 GPU 实例配额初始为 0 个 vCPU。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Your account&apos;s spot vCPU quota for {family} instances in {region} is too low.</source>
        <translation>您的账户在 {region} 中 {family} 实例的 Spot vCPU 配额 (Service Quotas) 太低。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Request a higher vCPU quota (&apos;Request increase&apos; on the GPU page, or the Service Quotas console: Amazon EC2 &gt; &apos;{quota}&apos;); AWS answers in minutes to a few days. Then launch again. Or launch on-demand instead.</source>
        <translation>请申请提高 vCPU 配额（GPU 页面上的“申请提高配额”，或 Service Quotas 控制台：Amazon EC2 &gt; &apos;{quota}&apos;）；AWS 会在几分钟到几天内答复。之后再重新启动。也可以改用按需实例启动。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+11"/>
        <source>AWS has no free {instance_type} machines in {region} right now (every zone was tried).</source>
        <translation>AWS 目前在 {region} 中没有空闲的 {instance_type} 机器（已尝试所有可用区）。</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+11"/>
        <source>Try again in a while, choose another GPU type, or another region.</source>
        <translation>请稍后重试，或选择其他 GPU 类型或其他区域。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The default subnets of {region} have no free IP address left for a new machine (every zone was tried).</source>
        <translation>{region} 的默认子网已没有可分配给新机器的空闲 IP 地址（已尝试所有可用区）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Terminate instances or delete network interfaces you no longer need in the default VPC, or choose another region.</source>
        <translation>请终止默认 VPC 中不再需要的实例或删除不再需要的网络接口，或选择其他区域。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your account may not run more instances in {region} now: its instance limit is reached.</source>
        <translation>您的账户目前无法在 {region} 运行更多实例：已达到实例数量上限。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Terminate instances you no longer need (terminated ones still count for a while), or ask AWS Support to raise the limit.</source>
        <translation>请终止不再需要的实例（已终止的实例在一段时间内仍会计入），或请 AWS 支持提高上限。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{instance_type} cannot be launched in any zone of {region} that was tried.</source>
        <translation>在 {region} 已尝试的所有可用区中都无法启动 {instance_type}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose another GPU type or another region.</source>
        <translation>请选择其他 GPU 类型或其他区域。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The spot price for {instance_type} in {region} is above the price you allowed.</source>
        <translation>{region} 中 {instance_type} 的 Spot 价格高于您允许的价格。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Launch on-demand instead, or try again later.</source>
        <translation>请改用按需实例启动，或稍后重试。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The machine image {image_id} cannot be used in {region}: it does not exist there, is malformed, or is no longer available.</source>
        <translation>系统映像 {image_id} 无法在 {region} 中使用：它在该区域不存在、格式错误或已不再可用。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pick one of the listed Deep Learning images, or an AMI id from this region.</source>
        <translation>请从列出的 Deep Learning 映像中选择一个，或输入此区域的 AMI ID。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The EC2 key pair {key_name} cannot be used in {region} (missing, duplicate or malformed).</source>
        <translation>EC2 密钥对 (Key Pair) {key_name} 无法在 {region} 中使用（不存在、重复或格式错误）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Let the wizard create a new key, or pick a key pair that exists in this region.</source>
        <translation>请让向导创建新密钥，或选择此区域中已有的密钥对。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The security group {group_id} cannot be used in {region} (missing, duplicate or in another network).</source>
        <translation>安全组 (Security Group) {group_id} 无法在 {region} 中使用（不存在、重复或属于其他网络）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+7"/>
        <source>Let the wizard create a security group, or pick one from the default VPC.</source>
        <translation>请让向导创建安全组，或从默认 VPC 中选择一个。</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>The security group {group_id} cannot be used in {region}.</source>
        <translation>安全组 (Security Group) {group_id} 无法在 {region} 中使用。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>AWS is limiting how fast this account can make requests, and kept refusing after several retries.</source>
        <translation>AWS 正在限制此账户的请求速率，多次重试后仍被拒绝。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+5"/>
        <location line="+5"/>
        <location line="+5"/>
        <source>Wait a minute and try again.</source>
        <translation>请等一分钟后重试。</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+5"/>
        <location line="+5"/>
        <source>AWS is limiting how fast this account can make requests.</source>
        <translation>AWS 正在限制此账户的请求速率。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This computer&apos;s clock is more than 5 minutes off, so AWS rejects its requests.</source>
        <translation>本机时钟偏差超过 5 分钟，因此 AWS 拒绝了它的请求。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Turn on automatic time (Windows: Settings &gt; Time &amp; language &gt; Sync now) and retry.</source>
        <translation>请开启自动设置时间（Windows：设置 &gt; 时间和语言 &gt; 立即同步）后重试。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../app/core/aws/network.py" line="-148"/>
        <source>The region {region} has no default VPC (network) to put the instance in.</source>
        <translation>区域 {region} 没有可放置实例的默认 VPC（网络）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../app/core/aws/network.py" line="+3"/>
        <source>Let the wizard create the default VPC, or choose another region.</source>
        <translation>请让向导创建默认 VPC，或选择其他区域。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The spending budget {budget} does not exist (any more).</source>
        <translation>支出预算 {budget} 不存在（或已被删除）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create it again with a limit and an email address.</source>
        <translation>请用上限金额和电子邮件地址重新创建它。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The spending budget {budget} exists already.</source>
        <translation>支出预算 {budget} 已存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change it instead of creating it (ec2nb budget set).</source>
        <translation>请修改它，而不是重新创建 (ec2nb budget set)。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>AWS Budgets refused: the account has too many budgets, alerts or recipients.</source>
        <translation>AWS Budgets 拒绝了请求：该账户的预算、提醒或收件人过多。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete budgets or alerts you no longer need in the AWS Billing console.</source>
        <translation>请在 AWS 账单控制台中删除不再需要的预算或提醒。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>AWS Budgets refused the budget&apos;s settings.</source>
        <translation>AWS Budgets 拒绝了该预算的设置。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the limit (dollars above 0) and the email address, then try again.</source>
        <translation>请检查上限金额（大于 0 的美元数）和电子邮件地址，然后重试。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>AWS still sees {resource} in use; it cannot be deleted yet.</source>
        <translation>AWS 显示 {resource} 仍在使用中，暂时无法删除。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait a minute until the instance is fully gone, then clean up again.</source>
        <translation>请等一分钟，待实例完全删除后再次清理。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Run `aws sso login --profile {profile}` and try again.</source>
        <translation>请运行 `aws sso login --profile {profile}` 后重试。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>the resource</source>
        <translation>该资源</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+99"/>
        <source>the vCPU quota</source>
        <translation>vCPU 配额</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>The AWS SSO sign-in for profile {profile} has expired.</source>
        <translation>配置文件 {profile} 的 AWS SSO 登录已过期。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>AWS had a problem and could not {action}.</source>
        <translation>AWS 出现问题，无法{action}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is usually brief; try again in a minute.</source>
        <translation>这种情况通常很快恢复；请过一分钟再试。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>AWS refused to {action}: {reason}</source>
        <translation>AWS 拒绝{action}：{reason}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the spot vCPU quota</source>
        <translation>竞价 vCPU 配额</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot reach AWS through the configured proxy.</source>
        <translation>无法通过已配置的代理连接 AWS。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the HTTPS_PROXY setting and that the proxy is running.</source>
        <translation>请检查 HTTPS_PROXY 设置，并确认代理正在运行。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A secure connection to AWS could not be made.</source>
        <translation>无法与 AWS 建立安全连接。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A proxy or antivirus may be intercepting HTTPS; set AWS_CA_BUNDLE to its certificate, or try another network.</source>
        <translation>可能有代理或杀毒软件在拦截 HTTPS；请将 AWS_CA_BUNDLE 设为其证书，或换一个网络。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+90"/>
        <source>Cannot reach AWS to {action}.</source>
        <translation>无法连接 AWS 以{action}。</translation>
    </message>
    <message>
        <location line="-89"/>
        <location line="+90"/>
        <source>Check the Internet connection; behind a proxy, set HTTPS_PROXY.</source>
        <translation>请检查网络连接；如果使用代理，请设置 HTTPS_PROXY。</translation>
    </message>
    <message>
        <location line="-81"/>
        <source>No AWS credentials were found.</source>
        <translation>找不到 AWS 凭证。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a profile or paste an access key pair.</source>
        <translation>请选择配置文件，或粘贴访问密钥。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The AWS credentials are incomplete (an access key without its secret?).</source>
        <translation>AWS 凭证不完整（是否只有访问密钥 ID 而缺少秘密访问密钥？）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../app/core/aws/session.py" line="+43"/>
        <source>Paste both the access key ID and the secret access key.</source>
        <translation>请同时粘贴访问密钥 ID 和秘密访问密钥。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is no AWS profile named {profile}.</source>
        <translation>没有名为 {profile} 的 AWS 配置文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick one of the listed profiles.</source>
        <translation>请从列出的配置文件中选择一个。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No AWS region was chosen.</source>
        <translation>尚未选择 AWS 区域。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a region.</source>
        <translation>请选择区域。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The AWS SSO sign-in for profile {profile} has expired or was never made.</source>
        <translation>配置文件 {profile} 的 AWS SSO 登录已过期或从未登录。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+38"/>
        <source>Could not {action}: {reason}</source>
        <translation>无法{action}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/core/keys/ppk_crypto.py" line="+68"/>
        <source>an unknown method</source>
        <translation>未知方法</translation>
    </message>
    <message>
        <location filename="../../app/core/keys/openssh.py" line="+57"/>
        <source>OpenSSH key file</source>
        <extracomment>What the wire readers of this module read (says which file is damaged).</extracomment>
        <translation>OpenSSH 密钥文件</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/journal.py" line="+218"/>
        <source>There is no launch &apos;{launch_id}&apos; on this computer.</source>
        <extracomment>Journal states: the launch is under way (or was interrupted), done, or over. RunInstances was sent: on resume, look the instance up by tag before sending it again. The work disk attached to the instance (issue 14); ``work_disk_created``: this launch made it, so a failed launch&apos;s clean-up deletes it (a reused disk is never deleted).</extracomment>
        <translation>本机上没有启动记录“{launch_id}”。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;ec2nb list&apos; shows the instances ec2nb launched.</source>
        <translation>“ec2nb list”会列出 ec2nb 启动的实例。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The record of launch &apos;{launch_id}&apos; is damaged and cannot be read.</source>
        <translation>启动记录“{launch_id}”已损坏，无法读取。</translation>
    </message>
    <message>
        <location filename="../../app/core/keys/files.py" line="+42"/>
        <source>{names} already exists; it was left as it is.</source>
        <translation>{names} 已存在，保持原样未动。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose another name, or allow replacing it.</source>
        <translation>请选择其他名称，或允许替换。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot write to {folder}: {reason}.</source>
        <translation>无法写入 {folder}：{reason}。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{path} is not a regular file (a folder or a device), so it was not replaced.</source>
        <translation>{path} 不是普通文件（而是文件夹或设备），因此未替换它。</translation>
    </message>
    <message>
        <location filename="../../app/core/keys/fingerprints.py" line="+35"/>
        <source>This is not an OpenSSH public key line.</source>
        <translation>这不是 OpenSSH 公钥行。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The private key is needed to compute the fingerprint of a key pair EC2 created.</source>
        <translation>计算由 EC2 创建的密钥对的指纹需要私钥。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>EC2 key pairs are RSA or Ed25519; this key cannot be one.</source>
        <translation>EC2 密钥对只支持 RSA 或 Ed25519；此密钥不能用作密钥对。</translation>
    </message>
    <message>
        <location filename="../../app/core/keys/generate.py" line="+23"/>
        <source>Unknown key type {key_type}: choose ed25519 or rsa.</source>
        <translation>未知的密钥类型 {key_type}：请选择 ed25519 或 rsa。</translation>
    </message>
    <message>
        <location filename="../../app/core/keys/kdf_limits.py" line="+34"/>
        <location filename="../../app/core/keys/ppk_crypto.py" line="+33"/>
        <source>The PuTTY key file has passphrase settings that cannot be used.</source>
        <translation>PuTTY 密钥文件的密码短语设置无法使用。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This PuTTY key file asks for {memory} KiB of memory, {passes} passes and {parallelism} lanes to check its passphrase, far more than PuTTYgen uses; at most 1 GiB of memory, 16 GiB of work and 64 lanes are accepted, so it was not opened.</source>
        <translation>此 PuTTY 密钥文件要求用 {memory} KiB 内存、{passes} 轮和 {parallelism} 条并行通道来校验密码，远超 PuTTYgen 的用量；最多只接受 1 GiB 内存、16 GiB 总工作量和 64 条通道，因此未打开它。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../../app/core/keys/ppk_crypto.py" line="-30"/>
        <source>Open it in PuTTYgen and save it again with the default settings (Argon2id).</source>
        <translation>请在 PuTTYgen 中打开，并以默认设置 (Argon2id) 重新保存。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../app/core/keys/openssh.py" line="+75"/>
        <source>The OpenSSH key file is damaged or cut short.</source>
        <translation>OpenSSH 密钥文件已损坏或不完整。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This OpenSSH key asks for {rounds} bcrypt rounds to check its passphrase; at most {limit} are accepted (ssh-keygen uses 16), so it was not opened.</source>
        <translation>此 OpenSSH 密钥要求用 {rounds} 轮 bcrypt 来校验密码；最多只接受 {limit} 轮（ssh-keygen 使用 16 轮），因此未打开它。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../app/core/keys/openssh.py" line="+45"/>
        <source>Change its passphrase with ssh-keygen -p, which re-encrypts it with aes256-ctr.</source>
        <translation>请用 ssh-keygen -p 修改其密码短语，它会用 aes256-ctr 重新加密。</translation>
    </message>
    <message>
        <location filename="../../app/core/keys/key_blobs.py" line="+32"/>
        <source>{what} keys are not supported: use an RSA, Ed25519 or ECDSA (P-256, P-384, P-521) key.</source>
        <translation>不支持 {what} 密钥：请使用 RSA、Ed25519 或 ECDSA（P-256、P-384、P-521）密钥。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This RSA key has only {bits} bits; at least {minimum} are needed.</source>
        <translation>此 RSA 密钥只有 {bits} 位；至少需要 {minimum} 位。</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>The key file is damaged.</source>
        <translation>密钥文件已损坏。</translation>
    </message>
    <message>
        <location filename="../../app/core/keys/loading.py" line="+73"/>
        <location filename="../../app/core/keys/pem.py" line="+71"/>
        <source>The key file is damaged or cut short.</source>
        <translation>密钥文件已损坏或不完整。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The key file is cut short (it has no END line).</source>
        <translation>密钥文件不完整（缺少 END 行）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This is a certificate, not a private key.</source>
        <translation>这是证书，不是私钥。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+40"/>
        <source>This is a public key; the private key (the file you keep secret) is needed.</source>
        <translation>这是公钥；需要的是私钥（您需要保密的那个文件）。</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>ssh.com private keys are not supported.</source>
        <translation>不支持 ssh.com 格式的私钥。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load it in PuTTYgen and export it as an OpenSSH key.</source>
        <translation>请在 PuTTYgen 中载入它，并导出为 OpenSSH 密钥。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is not a private key (it holds {what}).</source>
        <translation>这不是私钥（其中包含 {what}）。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>This is not a private key file.</source>
        <translation>这不是私钥文件。</translation>
    </message>
    <message>
        <location line="+15"/>
        <location filename="../../app/core/keys/pem.py" line="-26"/>
        <source>This key is protected by a passphrase: enter it to use the key.</source>
        <translation>此密钥受密码短语保护：请输入密码短语以使用该密钥。</translation>
    </message>
    <message>
        <location filename="../../app/core/keys/openssh.py" line="-4"/>
        <source>This OpenSSH key is encrypted with {cipher}/{kdf}, which is not supported.</source>
        <translation>此 OpenSSH 密钥使用 {cipher}/{kdf} 加密，不受支持。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This OpenSSH key is protected by a passphrase: enter it to use the key.</source>
        <translation>此 OpenSSH 密钥受密码短语保护：请输入密码短语以使用该密钥。</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+7"/>
        <source>Wrong passphrase for this OpenSSH key.</source>
        <translation>此 OpenSSH 密钥的密码短语错误。</translation>
    </message>
    <message>
        <location filename="../../app/core/keys/pem.py" line="+8"/>
        <source>This key&apos;s type or encryption is not supported.</source>
        <translation>不支持此密钥的类型或加密方式。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Wrong passphrase for this key.</source>
        <translation>此密钥的密码短语错误。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The key file is damaged: its RSA parameters do not fit together.</source>
        <translation>密钥文件已损坏：其 RSA 参数互不匹配。</translation>
    </message>
    <message>
        <location filename="../../app/core/keys/ppk.py" line="+123"/>
        <location filename="../../app/core/keys/ppk_crypto.py" line="+67"/>
        <source>The PuTTY key file is damaged or cut short.</source>
        <translation>PuTTY 密钥文件已损坏或不完整。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>This PuTTY key file uses format version {version}, which is not supported.</source>
        <translation>此 PuTTY 密钥文件使用的格式版本 {version} 不受支持。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open it in a current PuTTYgen and save it again.</source>
        <translation>请用新版 PuTTYgen 打开并重新保存。</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>This PuTTY key is protected by a passphrase: enter it to use the key.</source>
        <translation>此 PuTTY 密钥受密码短语保护：请输入密码短语以使用该密钥。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Wrong passphrase for this PuTTY key.</source>
        <translation>此 PuTTY 密钥的密码短语错误。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This PuTTY key file has been changed since it was saved (its check code does not match), so it cannot be trusted.</source>
        <translation>此 PuTTY 密钥文件在保存后被修改过（校验码不匹配），因此不可信。</translation>
    </message>
    <message>
        <location filename="../../app/core/keys/ppk_crypto.py" line="-74"/>
        <source>This PuTTY key file protects its passphrase with {method}, which this version cannot read.</source>
        <translation>此 PuTTY 密钥文件用 {method} 保护密码短语，本版本无法读取。</translation>
    </message>
    <message>
        <location filename="../../app/core/keys/ssh_wire.py" line="+39"/>
        <source>key</source>
        <extracomment>What a reader reads, unless told: a key.</extracomment>
        <translation>密钥</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The {what} is damaged or cut short.</source>
        <translation>{what}已损坏或不完整。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The {what} is damaged.</source>
        <translation>{what}已损坏。</translation>
    </message>
    <message>
        <location filename="../../app/core/keys/windows_acl.py" line="+69"/>
        <source>Could not tell which Windows account you are, so the key file cannot be made private to you.</source>
        <translation>无法确定您的 Windows 账户，因此无法将密钥文件设为仅您可访问。</translation>
    </message>
    <message>
        <location line="+38"/>
        <location line="+8"/>
        <source>Could not make {name} private to you.</source>
        <translation>无法将 {name} 设为仅您可访问。</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/commands.py" line="+26"/>
        <source>A value for ~/.ssh/config holds a line break, a control character or a double quote, so the entry was not written.</source>
        <translation>要写入 ~/.ssh/config 的某个值含有换行符、控制字符或双引号，因此未写入该条目。</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>The SSH settings are incomplete: no {missing}.</source>
        <translation>SSH 设置不完整：缺少 {missing}。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{path} has the start of the entry {alias} but not its end, so it was left unchanged.</source>
        <translation>{path} 中有条目 {alias} 的开头，却没有它的结尾，因此未改动该文件。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove the lines of {alias} from that file by hand and try again.</source>
        <translation>请手动从该文件中删除 {alias} 的各行，然后重试。</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/hostkeys.py" line="+56"/>
        <source>Refusing to connect: the machine answering for {instance_id} showed host key {offered}, but the key trusted for it is {expected}. Someone may be intercepting the connection, or the address now belongs to another machine.</source>
        <translation>拒绝连接：代表 {instance_id} 应答的机器出示的主机密钥是 {offered}，但受信任的密钥是 {expected}。可能有人在拦截连接，或者该地址现在属于另一台机器。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>If you know why the key changed, forget the stored key for this instance and connect again.</source>
        <translation>如果您知道密钥变更的原因，请删除为此实例保存的密钥，然后重新连接。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The host key of {instance_id} is not known yet (the console output shows none). The machine presents {offered}.</source>
        <translation>{instance_id} 的主机密钥尚不可知（控制台输出中没有）。该机器出示的是 {offered}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check the fingerprint and trust it explicitly (--trust-host-key SHA256:...).</source>
        <translation>请核对指纹并明确信任它 (--trust-host-key SHA256:...)。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&apos;{line}&apos; is not an SSH public key line.</source>
        <translation>“{line}”不是 SSH 公钥行。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A host key line has a broken base64 part.</source>
        <translation>主机密钥行中的 base64 部分已损坏。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A host key line names the wrong key type.</source>
        <translation>主机密钥行中的密钥类型有误。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+7"/>
        <source>A host key is cut short.</source>
        <translation>主机密钥不完整。</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>&apos;{instance_id}&apos; is not an instance id.</source>
        <translation>“{instance_id}”不是实例 ID。</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/sshkeys.py" line="+31"/>
        <source>{what} keys cannot be used for SSH.</source>
        <translation>{what} 密钥不能用于 SSH。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No private key was given for SSH.</source>
        <translation>未提供用于 SSH 的私钥。</translation>
    </message>
    <message>
        <location filename="../../app/core/small_files.py" line="+56"/>
        <source>There is no file {source}.</source>
        <translation>文件 {source} 不存在。</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>{source} is a folder, not a file.</source>
        <translation>{source} 是文件夹，不是文件。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>{source} cannot be read (permission denied).</source>
        <translation>无法读取 {source}（权限被拒绝）。</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>{source} cannot be read: {reason}.</source>
        <translation>无法读取 {source}：{reason}。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{source} is not a regular file (it is a device, a pipe or a socket), so it was not read.</source>
        <translation>{source} 不是普通文件（而是设备、管道或套接字），因此未读取。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{source} is too big ({size} bytes); a file this big is not read (the limit is {limit} bytes).</source>
        <translation>{source} 太大（{size} 字节）；不读取这么大的文件（上限为 {limit} 字节）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/launcher.py" line="+44"/>
        <source>{program} could not be started.</source>
        <translation>无法启动 {program}。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Opening in VS Code is not available in this version.</source>
        <translation>此版本无法在 VS Code 中打开。</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/budgets.py" line="+33"/>
        <source>AWS Budgets: an account&apos;s first two budgets are free; each further budget costs $0.02 a day. Alerts are emails from AWS when the month&apos;s actual spend passes 80 % and 100 % of the limit (AWS updates spend a few times a day). {url}</source>
        <translation>AWS Budgets：每个账户的前两个预算免费；之后每个预算每天 $0.02。当本月实际支出超过上限的 80 % 和 100 % 时，AWS 会发送提醒邮件（AWS 每天更新几次支出数据）。{url}</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>&apos;{address}&apos; is not an email address.</source>
        <translation>“{address}”不是电子邮件地址。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the address that should receive the alerts, e.g. name@example.com.</source>
        <translation>请填写接收提醒的地址，例如 name@example.com。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&apos;{amount}&apos; is not a monthly limit in dollars.</source>
        <translation>“{amount}”不是以美元计的月度上限。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give an amount above 0, e.g. 50 or 120.50.</source>
        <translation>请填写大于 0 的金额，例如 50 或 120.50。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>read the spending budget</source>
        <translation>读取支出预算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>change the spending budget</source>
        <translation>修改支出预算</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>There is no spending budget yet: an email is needed.</source>
        <translation>目前还没有支出预算：需要提供电子邮件地址。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the address that should receive the alerts (--email).</source>
        <translation>请填写接收提醒的地址 (--email)。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The spending budget disappeared while it was being set.</source>
        <translation>设置支出预算时，该预算消失了。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again.</source>
        <translation>请重试。</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/budget.py" line="+27"/>
        <source>No spending alert asked for.</source>
        <translation>未要求支出提醒。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set in an earlier run of this launch.</source>
        <translation>已在本次启动的上一次运行中设置。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No spending alert was set (the launch goes on): {reason}</source>
        <translation>未设置支出提醒（启动继续进行）：{reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Monthly budget ${limit}: email alerts at 80 % and 100 % of actual spend</source>
        <translation>月度预算 ${limit}：实际支出达到 80 % 和 100 % 时发送邮件提醒</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/running_reminder.py" line="+30"/>
        <source>{name} has been running for {hours} hours: &apos;{command}&apos; stops its billing.</source>
        <translation>{name} 已运行 {hours} 小时：“{command}”可停止计费。</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/stop_all.py" line="+108"/>
        <source>{count} machine(s) could not be stopped: {ids}.</source>
        <translation>有 {count} 台机器无法停止：{ids}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>They are still running and billed: try again, or stop them one by one.</source>
        <translation>它们仍在运行并计费：请重试，或逐台停止。</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/remote.py" line="+151"/>
        <source>Launch {launch_id} has no running instance to reach.</source>
        <translation>启动 {launch_id} 没有可连接的运行中实例。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open it first: &apos;ec2nb open {launch_id}&apos;.</source>
        <translation>请先打开它：“ec2nb open {launch_id}”。</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/transfer.py" line="+106"/>
        <source>&apos;{path}&apos; is outside the notebook folder {base}.</source>
        <translation>“{path}”位于笔记本文件夹 {base} 之外。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write it as an absolute path (starting with /) to reach it on purpose.</source>
        <translation>如确实要访问它，请写成绝对路径（以 / 开头）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The instance has a file named &apos;{name}&apos; that cannot be saved here.</source>
        <translation>实例上有一个名为“{name}”的文件，无法保存到这里。</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>{done} of {total}, {speed}/s, {left} left</source>
        <translation>已完成 {done}，共 {total}，{speed}/秒，还剩 {left}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} 分 {seconds} 秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Connection lost; reconnecting ({attempt}).</source>
        <translation>连接已断开；正在重新连接（第 {attempt} 次）。</translation>
    </message>
    <message>
        <location line="+161"/>
        <source>The copy failed: {reason}.</source>
        <translation>复制失败：{reason}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The connection to the instance kept dropping; the copy stopped.</source>
        <translation>与实例的连接反复断开；复制已停止。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run it again: it continues from the bytes already copied.</source>
        <translation>请再次运行：它会从已复制的字节处继续。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is no file or folder &apos;{path}&apos;.</source>
        <translation>文件或文件夹“{path}”不存在。</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>&apos;{path}&apos; on the instance is a file, not a folder.</source>
        <translation>实例上的“{path}”是文件，不是文件夹。</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/move_cost.py" line="+81"/>
        <source>Moving {gib} GiB to {region} costs about ${estimate}: ${transfer} to copy it between regions (${per_gib_transfer}/GB) and ${snapshots} for the temporary snapshots for a day (${per_gib_snapshot}/GB-month). Its disks then cost ${monthly} a month there.</source>
        <translation>把 {gib} GiB 迁移到 {region} 约需 ${estimate}：跨区域复制 ${transfer}（${per_gib_transfer}/GB），临时快照保留一天 ${snapshots}（${per_gib_snapshot}/GB·月）。之后它的磁盘在那里每月 ${monthly}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Moving {gib} GiB to {region} costs about ${estimate}: ${transfer} to copy it between regions (${per_gib_transfer}/GB) and ${snapshots} for the temporary snapshots for a day (${per_gib_snapshot}/GB-month). The disk then costs ${monthly} a month there.</source>
        <translation>把 {gib} GiB 迁移到 {region} 约需 ${estimate}：跨区域复制 ${transfer}（${per_gib_transfer}/GB），临时快照保留一天 ${snapshots}（${per_gib_snapshot}/GB·月）。之后该磁盘在那里每月 ${monthly}。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Moving {gib} GiB within {region} costs about ${estimate}: the temporary snapshot for a day (${per_gib_snapshot}/GB-month); no transfer charge. Its disks still cost ${monthly} a month.</source>
        <translation>在 {region} 内迁移 {gib} GiB 约需 ${estimate}：临时快照保留一天（${per_gib_snapshot}/GB·月）；没有传输费用。它的磁盘仍为每月 ${monthly}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Moving {gib} GiB within {region} costs about ${estimate}: the temporary snapshot for a day (${per_gib_snapshot}/GB-month); no transfer charge. The disk still costs ${monthly} a month.</source>
        <translation>在 {region} 内迁移 {gib} GiB 约需 ${estimate}：临时快照保留一天（${per_gib_snapshot}/GB·月）；没有传输费用。该磁盘仍为每月 ${monthly}。</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/disk_move.py" line="+111"/>
        <source>There is no disk {volume} in {region}.</source>
        <translation>{region} 中没有磁盘 {volume}。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The disk {name} is attached to a machine and cannot be moved.</source>
        <translation>磁盘 {name} 已挂载在一台机器上，无法迁移。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop or terminate the machine first (keep its disk).</source>
        <translation>请先停止或终止该机器（保留其磁盘）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The disk {name} is {state}: it cannot be moved now.</source>
        <translation>磁盘 {name} 的状态为 {state}：现在无法迁移。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Try again in a few minutes.</source>
        <translation>请过几分钟再试。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Copy to {region}</source>
        <translation>复制到 {region}</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+352"/>
        <source>tag the disk</source>
        <translation>为磁盘添加标签</translation>
    </message>
    <message>
        <location line="-323"/>
        <source>Taking a snapshot of {name}…</source>
        <translation>正在为 {name} 创建快照…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>take a snapshot of the disk</source>
        <translation>为磁盘创建快照</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The disk {name} already has as many snapshots in progress as AWS allows.</source>
        <translation>磁盘 {name} 正在进行的快照数已达到 AWS 允许的上限。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wait until they are completed (EC2 console, Snapshots), then run the move again.</source>
        <translation>请等它们完成（EC2 控制台 → 快照），然后再次运行迁移。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>AWS allows only one snapshot of a disk every few seconds; trying again in {seconds} s.</source>
        <translation>AWS 每隔几秒才允许为同一磁盘创建一个快照；{seconds} 秒后重试。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Copying the snapshot to {region}…</source>
        <translation>正在把快照复制到 {region}…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>copy the snapshot to another region</source>
        <translation>把快照复制到另一个区域</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Making the disk in {zone}…</source>
        <translation>正在 {zone} 中创建磁盘…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>make the moved disk</source>
        <translation>创建迁移后的磁盘</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Moving the disk {name} is taking longer than expected.</source>
        <translation>迁移磁盘 {name} 所需时间超出预期。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../app/core/aws/relocate.py" line="+248"/>
        <source>Run the move again later: it continues where it stopped.</source>
        <translation>请稍后再次运行迁移：它会从中断处继续。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{what}: 100%</source>
        <translation>{what}：100%</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>AWS could not make the snapshot {snapshot}.</source>
        <translation>AWS 无法创建快照 {snapshot}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run the move again: it starts a new snapshot.</source>
        <translation>请再次运行迁移：它会创建新的快照。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{what}: {percent}</source>
        <translation>{what}：{percent}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Deleting the temporary snapshots and the old disk…</source>
        <translation>正在删除临时快照和旧磁盘…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>delete the temporary snapshot</source>
        <translation>删除临时快照</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>delete the old disk</source>
        <translation>删除旧磁盘</translation>
    </message>
    <message>
        <location line="+32"/>
        <location filename="../../app/core/aws/relocate.py" line="-210"/>
        <source>look up the disk</source>
        <translation>查询磁盘</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>look up the snapshot</source>
        <translation>查询快照</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>look up the disk&apos;s move</source>
        <translation>查询磁盘的迁移进度</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>look up the disk&apos;s snapshots</source>
        <translation>查询磁盘的快照</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>look up the moved disk</source>
        <translation>查询迁移后的磁盘</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The region {region} has no zone available.</source>
        <translation>区域 {region} 没有可用的可用区。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../app/core/aws/move_targets.py" line="-24"/>
        <source>list the zones</source>
        <translation>列出可用区</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{zone} is not an available zone of {region}.</source>
        <translation>{zone} 不是 {region} 的可用区。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Zones there: {zones}.</source>
        <translation>那里的可用区：{zones}。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>list the work disks</source>
        <translation>列出工作磁盘</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/relocate.py" line="-127"/>
        <source>The machine {instance_id} is {state}; only a stopped machine is moved.</source>
        <translation>机器 {instance_id} 的状态为 {state}；只能迁移已停止的机器。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop it first: ec2nb stop {instance_id}</source>
        <translation>请先停止它：ec2nb stop {instance_id}</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+175"/>
        <source>tag the instance</source>
        <translation>为实例添加标签</translation>
    </message>
    <message>
        <location line="-107"/>
        <source>No instance {instance_id} in {region}.</source>
        <translation>{region} 中没有实例 {instance_id}。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>{zone} does not offer {instance_type}.</source>
        <translation>{zone} 不提供 {instance_type}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Zones that do: {zones}.</source>
        <translation>提供它的可用区：{zones}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No other zone of {region} offers {instance_type}.</source>
        <translation>{region} 没有其他可用区提供 {instance_type}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose another region.</source>
        <translation>请选择另一个区域。</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+6"/>
        <location line="+118"/>
        <source>look up the image</source>
        <translation>查询映像</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>Making an image of {instance_id}&apos;s system disk…</source>
        <translation>正在为 {instance_id} 的系统盘创建映像…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>make an image of the machine</source>
        <translation>为机器创建映像</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Copying the image to {region}…</source>
        <translation>正在把映像复制到 {region}…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>copy the image to another region</source>
        <translation>把映像复制到另一个区域</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>tag the image</source>
        <translation>为映像添加标签</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>detach the work disk</source>
        <translation>卸载工作磁盘</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>AWS could not make the image {image_id}.</source>
        <translation>AWS 无法创建映像 {image_id}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Waiting for the image {image_id}…</source>
        <translation>正在等待映像 {image_id}…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The image {image_id} is taking too long.</source>
        <translation>映像 {image_id} 耗时过长。</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/download_first.py" line="+80"/>
        <source>This computer&apos;s folder cannot be written.</source>
        <translation>无法写入这台电脑上的文件夹。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Your notebooks could not be downloaded, so the machine was left as it is: {reason}</source>
        <translation>无法下载您的笔记本，因此机器保持原样：{reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fix the cause and try again, or go on without downloading.</source>
        <translation>请排除原因后重试，或不下载直接继续。</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/tensorboard.py" line="+88"/>
        <source>TensorBoard is not installed in the notebook&apos;s Python environment.</source>
        <translation>笔记本的 Python 环境中没有安装 TensorBoard。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Install it from a notebook cell with &apos;%pip install tensorboard&apos; (or in a terminal: {python} -m pip install tensorboard), then try again.</source>
        <translation>请在笔记本单元格中运行“%pip install tensorboard”安装（或在终端中运行：{python} -m pip install tensorboard），然后重试。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>TensorBoard stopped at once.</source>
        <translation>TensorBoard 启动后立即退出了。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TensorBoard did not answer within a minute.</source>
        <translation>TensorBoard 在一分钟内没有响应。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TensorBoard could not be started.</source>
        <translation>无法启动 TensorBoard。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Its log on the instance is {log}; port {port} may be taken there.</source>
        <translation>它在实例上的日志是 {log}；实例上的端口 {port} 可能已被占用。</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/resize.py" line="-196"/>
        <source>Checking whether {instance_id} can become {instance_type}</source>
        <translation>正在检查 {instance_id} 能否改为 {instance_type}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{instance_id} is already {instance_type}.</source>
        <translation>{instance_id} 已经是 {instance_type}。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Changing {instance_id} from {old_type} ({old_price}) to {new_type} ({new_price})</source>
        <translation>正在把 {instance_id} 从 {old_type}（{old_price}）改为 {new_type}（{new_price}）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>change the instance type</source>
        <translation>更改实例类型</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>price unknown</source>
        <translation>价格未知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>${price}/h</source>
        <translation>${price}/小时</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Its type now</source>
        <translation>当前类型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Runs {architecture} programs, not {wanted}</source>
        <translation>运行 {architecture} 程序，而不是 {wanted}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The machine image does not support it</source>
        <translation>系统映像不支持它</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not offered in {zone}</source>
        <translation>{zone} 不提供</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{instance_id} is a one-time spot instance: AWS cannot stop it, so its type cannot be changed.</source>
        <translation>{instance_id} 是一次性竞价实例：AWS 无法停止它，因此不能更改它的类型。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Launch a new machine of the type you want (an on-demand or persistent spot machine can change its type later).</source>
        <translation>请用想要的类型启动一台新机器（按需或持久竞价机器以后可以更改类型）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{instance_id} is {state}: AWS changes the type of a stopped machine only.</source>
        <translation>{instance_id} 处于{state}状态：AWS 只能更改已停止机器的类型。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop it first, then change its type.</source>
        <translation>请先停止它，再更改类型。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>{instance_type} needs enhanced networking (ENA), which is not enabled on {instance_id}.</source>
        <translation>{instance_type} 需要增强联网 (ENA)，而 {instance_id} 没有启用它。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a type that does not require ENA, or launch a new machine from a current Deep Learning AMI (they have it).</source>
        <translation>请选择不要求 ENA 的类型，或用当前的 Deep Learning AMI 启动一台新机器（它们已启用 ENA）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{instance_type} runs {architectures} programs; the system on {instance_id} was made for {old_type}, which does not.</source>
        <translation>{instance_type} 运行 {architectures} 程序；{instance_id} 上的系统是为 {old_type} 制作的，它不是这种架构。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose a GPU type with the same processor architecture.</source>
        <translation>请选择处理器架构相同的 GPU 类型。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{instance_type} is not offered in {zone}, where {instance_id} and its disk are.</source>
        <translation>{instance_id} 及其磁盘所在的 {zone} 不提供 {instance_type}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a type offered in {zone}, or move the machine to a zone that offers it.</source>
        <translation>请选择 {zone} 提供的类型，或把机器迁移到提供该类型的可用区。</translation>
    </message>
    <message>
        <location filename="../../app/core/remote/spot_watch.py" line="+53"/>
        <source>AWS may take this spot machine back soon: save your notebooks now.</source>
        <translation>AWS 可能很快会收回这台竞价机器：请立即保存您的笔记本。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>AWS is taking this spot machine back at {time}: save your notebooks now.</source>
        <translation>AWS 将在 {time} 收回这台竞价机器：请立即保存您的笔记本。</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/work_disks.py" line="+113"/>
        <source>list your work disks</source>
        <extracomment>The device name the disk is attached as; on Nitro it shows up by its volume id instead.</extracomment>
        <translation>列出您的工作盘</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>There is no work disk called &apos;{name}&apos; in {region}.</source>
        <translation>{region} 中没有名为“{name}”的工作盘。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;ec2nb disks&apos; lists your work disks in every region.</source>
        <translation>“ec2nb disks”会列出您在所有区域的工作盘。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The work disk {name} is in {zone}, not in {where}: move it first.</source>
        <translation>工作盘 {name} 位于 {zone}，不在 {where}：请先迁移它。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;ec2nb disks move {name} --zone ZONE&apos; copies it through a snapshot.</source>
        <translation>“ec2nb disks move {name} --zone ZONE”会通过快照复制它。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>read the work disk</source>
        <translation>读取工作盘</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The work disk {name} is in state {state}.</source>
        <translation>工作盘 {name} 处于 {state} 状态。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Waited {seconds} s for the work disk {name}.</source>
        <translation>已等待工作盘 {name} {seconds} 秒。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>AWS refused a {gib} GiB work disk: the account&apos;s gp3 storage limit in {region} is reached.</source>
        <translation>AWS 拒绝创建 {gib} GiB 的工作盘：该账户在 {region} 的 gp3 存储上限已用完。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete a disk you no longer need (&apos;ec2nb disks&apos;), choose a smaller one, or ask AWS for more (Service Quotas, Amazon EBS).</source>
        <translation>删除不再需要的磁盘（“ec2nb disks”）、选择更小的磁盘，或向 AWS 申请更多（Service Quotas，Amazon EBS）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>create the work disk</source>
        <translation>创建工作盘</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+80"/>
        <source>Work disk {name}: {state}</source>
        <translation>工作盘 {name}：{state}</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>The work disk {name} is attached to another instance.</source>
        <translation>工作盘 {name} 已挂接到另一台实例。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Terminate that instance first (&apos;ec2nb list&apos; shows it), or choose another disk.</source>
        <translation>请先终止那台实例（“ec2nb list”可以看到它），或选择另一块磁盘。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The instance cannot take another disk (its attachment limit).</source>
        <translation>该实例无法再挂接磁盘（已达挂接上限）。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>attach the work disk</source>
        <translation>挂接工作盘</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>tag the work disk</source>
        <translation>为工作盘添加标签</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Work disk {name}: {state}, waiting for it to detach</source>
        <translation>工作盘 {name}：{state}，正在等待它卸下</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The work disk {name} is attached to {instance_id}: terminate that instance first.</source>
        <translation>工作盘 {name} 已挂接到 {instance_id}：请先终止那台实例。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Work disk {name}: {state}, waiting to delete it</source>
        <translation>工作盘 {name}：{state}，正在等待删除</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Deleting work disk {name} ({volume_id})</source>
        <translation>正在删除工作盘 {name}（{volume_id}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>delete the work disk</source>
        <translation>删除工作盘</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/attach_disk.py" line="+27"/>
        <location filename="../../app/core/launch/steps/work_disk.py" line="-70"/>
        <source>No work disk asked for.</source>
        <translation>未要求使用工作盘。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{name} ({gib} GiB) attached; mounted at ~/work</source>
        <translation>{name}（{gib} GiB）已挂接，挂载在 ~/work</translation>
    </message>
    <message>
        <location filename="../../app/core/launch/steps/work_disk.py" line="+2"/>
        <source>A new {gib} GiB work disk is made once the instance runs.</source>
        <translation>实例运行后将创建一块 {gib} GiB 的新工作盘。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The work disk {name} is attached to {instance_id}.</source>
        <translation>工作盘 {name} 已挂接到 {instance_id}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Terminate that instance first (keeping the disk), or choose another disk.</source>
        <translation>请先终止那台实例（保留磁盘），或选择另一块磁盘。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reusing {name} ({gib} GiB in {zone})</source>
        <translation>重新使用 {name}（{gib} GiB，位于 {zone}）</translation>
    </message>
    <message>
        <location filename="../../app/core/work_disk_choice.py" line="+51"/>
        <source>A new work disk must be between {low} and {high} GiB.</source>
        <extracomment>gp3 sizes (EC2 API Reference, CreateVolume: &quot;gp3: 1 - 16,384 GiB&quot;). A disk&apos;s name: a tag value we also print and type, so kept to a safe alphabet.</extracomment>
        <translation>新工作盘的大小必须在 {low} 到 {high} GiB 之间。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;{name}&apos; is not a work disk name (letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;, up to 63).</source>
        <translation>“{name}”不是有效的工作盘名称（字母、数字、“.”、“_”和“-”，最多 63 个字符）。</translation>
    </message>
    <message>
        <location filename="../../app/core/aws/relocate_launch.py" line="+51"/>
        <source>The image of its system disk ({gib} GiB) then costs ${monthly} a month until you deregister it.</source>
        <translation>之后其系统盘的映像（{gib} GiB）每月 ${monthly}，直到您注销该映像。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The old machine {instance_id} stays stopped (its system disk is still billed) until you terminate it; you are asked once the new one is ready.</source>
        <translation>旧机器 {instance_id} 保持停止状态（其系统盘仍在计费），直到您终止它；新机器就绪后会询问您。</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../app/ui/transfer_dialog.py" line="+23"/>
        <source>Upload files to the notebook folder</source>
        <translation>上传文件到笔记本文件夹</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Upload files</source>
        <translation>上传文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uploading {names} to the notebook folder.</source>
        <translation>正在把 {names} 上传到笔记本文件夹。</translation>
    </message>
    <message>
        <location line="+40"/>
        <location line="+14"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>File or folder to download, in the notebook folder (. for all of it; an absolute path for elsewhere):</source>
        <translation>要下载的文件或文件夹，位于笔记本文件夹中（. 表示全部；其他位置请用绝对路径）：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Download into</source>
        <translation>下载到</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Downloading {remote} into {local}.</source>
        <translation>正在把 {remote} 下载到 {local}。</translation>
    </message>
</context>
</TS>
