<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountOptions</name>
    <message>
        <source>Read the password from FILE.</source>
        <translation>从 FILE 读取密码。</translation>
    </message>
    <message>
        <source>Join ROOM; the first one is the current room (repeatable).</source>
        <translation>加入 ROOM；第一个为当前房间（可重复）。</translation>
    </message>
    <message>
        <source>Also load transport plugins from DIR (repeatable).</source>
        <translation>同时从 DIR 加载传输插件（可重复）。</translation>
    </message>
    <message>
        <source>Keep the store, the client id and the settings in DIR.</source>
        <translation>将存储、客户端 ID 和设置保存在 DIR 中。</translation>
    </message>
    <message>
        <source>QoS of sent messages, 0 or 1 (default 1).</source>
        <translation>发送消息的 QoS，0 或 1（默认 1）。</translation>
    </message>
    <message>
        <source>Topic prefix (default longlink/v1).</source>
        <translation>主题前缀（默认 longlink/v1）。</translation>
    </message>
    <message>
        <source>Give up a connection attempt after S seconds (default 10).</source>
        <translation>连接尝试 S 秒后放弃（默认 10）。</translation>
    </message>
    <message>
        <source>MQTT keep-alive in seconds (default 30).</source>
        <translation>MQTT 保活间隔，单位为秒（默认 30）。</translation>
    </message>
    <message>
        <source>A dropped plugin file must stay unchanged this long (default 250).</source>
        <translation>放入的插件文件须在这段时间内保持不变（默认 250）。</translation>
    </message>
    <message>
        <source>A new transport must work this long to count as good (default 3000).</source>
        <translation>新传输须正常工作这么久才算可靠（默认 3000）。</translation>
    </message>
    <message>
        <source>Drop (and acknowledge) incoming messages over KB kibibytes (default 1024).</source>
        <translation>丢弃（并确认）超过 KB KiB 的传入消息（默认 1024）。</translation>
    </message>
    <message>
        <source>--server wants a URL like mqtt://host:1883, not &quot;%1&quot;</source>
        <translation>--server 需要 mqtt://host:1883 这样的 URL，而不是“%1”</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be a user name: %2</source>
        <translation>“%1”不能作为用户名：%2</translation>
    </message>
    <message>
        <source>cannot read the password file %1: %2</source>
        <translation>无法读取密码文件 %1：%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be a room name: %2</source>
        <translation>“%1”不能作为房间名：%2</translation>
    </message>
    <message>
        <source>--qos must be 0 or 1</source>
        <translation>--qos 必须为 0 或 1</translation>
    </message>
    <message>
        <source>--prefix must be a topic without wildcards</source>
        <translation>--prefix 必须是不含通配符的主题</translation>
    </message>
    <message>
        <source>--connect-timeout must be 1 to 3600 seconds</source>
        <translation>--connect-timeout 必须为 1 到 3600 秒</translation>
    </message>
    <message>
        <source>--keep-alive must be 1 to 65535 seconds</source>
        <translation>--keep-alive 必须为 1 到 65535 秒</translation>
    </message>
    <message>
        <source>--settle-ms must be a number of milliseconds</source>
        <translation>--settle-ms 必须是毫秒数</translation>
    </message>
    <message>
        <source>--probation-ms must be a number of milliseconds</source>
        <translation>--probation-ms 必须是毫秒数</translation>
    </message>
    <message>
        <source>--max-incoming-kb must be 1 to 262144</source>
        <translation>--max-incoming-kb 必须为 1 到 262144</translation>
    </message>
    <message>
        <source>Load only transport plugins signed (&lt;plugin&gt;.sig, Ed25519) by a PEM public key in DIR.</source>
        <translation>只加载由 DIR 中的 PEM 公钥签名（&lt;plugin&gt;.sig，Ed25519）的传输插件。</translation>
    </message>
    <message>
        <source>TLS (mqtts://, wss://): trust the CA certificates in this PEM FILE instead of the system&apos;s.</source>
        <translation>TLS（mqtts://、wss://）：信任此 PEM FILE 中的 CA 证书，而不是系统的 CA 证书。</translation>
    </message>
    <message>
        <source>TLS: accept only a server certificate with this SHA-256 fingerprint (64 hex digits, colons allowed; repeatable).</source>
        <translation>TLS：只接受 SHA-256 指纹与此相符的服务器证书（64 位十六进制数字，可含冒号；可重复）。</translation>
    </message>
    <message>
        <source>--trusted-keys wants a folder of PEM public keys, and %1 is not one</source>
        <translation>--trusted-keys 需要一个存放 PEM 公钥的文件夹，而 %1 不是</translation>
    </message>
    <message>
        <source>cannot read the CA file %1: %2</source>
        <translation>无法读取 CA 文件 %1：%2</translation>
    </message>
    <message>
        <source>the CA file %1 holds no PEM certificate</source>
        <translation>CA 文件 %1 中没有 PEM 证书</translation>
    </message>
    <message>
        <source>--pin-sha256 wants 64 hex digits (colons allowed), not &quot;%1&quot;</source>
        <translation>--pin-sha256 需要 64 位十六进制数字（可含冒号），而不是“%1”</translation>
    </message>
    <message>
        <source>--ca-file and --pin-sha256 are for TLS servers (mqtts://, wss://), not %1</source>
        <translation>--ca-file 和 --pin-sha256 只适用于 TLS 服务器（mqtts://、wss://），不适用于 %1</translation>
    </message>
    <message>
        <source>Server URL: mqtt://host:1883, mqtts://host:8883 (TLS), ws://host:80/mqtt or wss://host:443/mqtt (WebSocket). Default mqtt://127.0.0.1:1883. Repeatable: several addresses of one service are raced, earlier ones preferred.</source>
        <translation>服务器 URL：mqtt://host:1883、mqtts://host:8883（TLS）、ws://host:80/mqtt 或 wss://host:443/mqtt（WebSocket）。默认 mqtt://127.0.0.1:1883。可重复：同一服务的多个地址会同时尝试，优先使用靠前的地址。</translation>
    </message>
    <message>
        <source>MQTT version: 5 (only), 3.1.1 (only) or auto (default: 5.0, and 3.1.1 for a server that refuses it, remembered for a week).</source>
        <translation>MQTT 版本：5（仅用 5.0）、3.1.1（仅用 3.1.1）或 auto（默认：使用 5.0，服务器拒绝时改用 3.1.1，并记住一周）。</translation>
    </message>
    <message>
        <source>MQTT 5: the server keeps the session and queues messages for S seconds after a disconnect (default 604800, a week; the server may allow less).</source>
        <translation>MQTT 5：断开连接后，服务器保留会话并暂存消息 S 秒（默认 604800，即一周；服务器允许的时间可能更短）。</translation>
    </message>
    <message>
        <source>--mqtt-version must be 5, 3.1.1 or auto, not &quot;%1&quot;</source>
        <translation>--mqtt-version 必须是 5、3.1.1 或 auto，而不是“%1”</translation>
    </message>
    <message>
        <source>--session-expiry must be 0 to 4294967295 seconds</source>
        <translation>--session-expiry 必须为 0 到 4294967295 秒</translation>
    </message>
</context>
<context>
    <name>ChatTopics</name>
    <message>
        <source>use letters, digits, &apos;-&apos; and &apos;_&apos; (no spaces, dots or other punctuation)</source>
        <translation>请使用字母、数字、“-”和“_”（不能有空格、句点或其他标点）</translation>
    </message>
</context>
<context>
    <name>LoadedTransportPlugin</name>
    <message>
        <source>the plugin&apos;s root object is not a transport factory</source>
        <translation>插件的根对象不是传输工厂</translation>
    </message>
</context>
<context>
    <name>PathTrust</name>
    <message>
        <source>cannot read it: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>this symbolic link belongs to %1, not to you or root; remove it or make your own</source>
        <translation>此符号链接属于 %1，而不属于你或 root；请删除它，或自己创建一个</translation>
    </message>
    <message>
        <source>too many symbolic links</source>
        <translation>符号链接层数过多</translation>
    </message>
    <message>
        <source>cannot read the symbolic link: %1</source>
        <translation>无法读取符号链接：%1</translation>
    </message>
    <message>
        <source>it belongs to %1 and lies in a folder everyone may write to; only your own or root&apos;s files are trusted there</source>
        <translation>它属于 %1，且位于所有人都可写入的文件夹中；在那里只信任你自己或 root 的文件</translation>
    </message>
    <message>
        <source>it belongs to %1, not to you or root: another account could change what runs here</source>
        <translation>它属于 %1，而不属于你或 root：其他账户可能会改变这里运行的内容</translation>
    </message>
    <message>
        <source>every user may write to this folder; run: chmod o-w &apos;%1&apos;</source>
        <translation>所有用户都可写入此文件夹；请运行：chmod o-w &apos;%1&apos;</translation>
    </message>
    <message>
        <source>every user may write to this file; run: chmod o-w &apos;%1&apos;</source>
        <translation>所有用户都可写入此文件；请运行：chmod o-w &apos;%1&apos;</translation>
    </message>
    <message>
        <source>its group may write to this folder; run: chmod g-w &apos;%1&apos;</source>
        <translation>其所属组可写入此文件夹；请运行：chmod g-w &apos;%1&apos;</translation>
    </message>
    <message>
        <source>its group may write to this file; run: chmod g-w &apos;%1&apos;</source>
        <translation>其所属组可写入此文件；请运行：chmod g-w &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>PluginSignature</name>
    <message>
        <source>the trusted keys folder cannot be trusted: %1 - %2</source>
        <translation>受信任密钥文件夹本身不可信：%1 - %2</translation>
    </message>
    <message>
        <source>it is not signed: there is no %1, and only plugins signed by a key in %2 are loaded</source>
        <translation>它没有签名：不存在 %1，而只有由 %2 中的密钥签名的插件才会加载</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 holds %2 bytes; an Ed25519 signature is %3 raw bytes (openssl pkeyutl -sign -rawin)</source>
        <translation>%1 有 %2 字节；Ed25519 签名应为 %3 字节的原始数据（openssl pkeyutl -sign -rawin）</translation>
    </message>
    <message>
        <source>%1 holds no trusted Ed25519 public key (*.pem)</source>
        <translation>%1 中没有受信任的 Ed25519 公钥（*.pem）</translation>
    </message>
    <message numerus="yes">
        <source>its signature does not match: %1 was not made over this file by any of the %n trusted key(s) in %2 (signed by another key, or for another build)</source>
        <translation>
            <numerusform>签名不匹配：%1 并非由 %2 中 %n 个受信任密钥中的任何一个针对此文件生成（由其他密钥签名，或是为其他构建签名）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrivateCopyFolder</name>
    <message>
        <source>cannot create a private folder in %1: %2</source>
        <translation>无法在 %1 中创建私有文件夹：%2</translation>
    </message>
    <message>
        <source>cannot lock the private folder %1</source>
        <translation>无法锁定私有文件夹 %1</translation>
    </message>
</context>
<context>
    <name>PrivateFiles</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is readable by other users (%2) and cannot be made private: %3</source>
        <translation>%1 可被其他用户读取（%2），且无法设为私有：%3</translation>
    </message>
    <message>
        <source>%1 was open to other users (%2); made it %3</source>
        <translation>%1 曾对其他用户开放（%2）；已改为 %3</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>cannot create the folder %1: %2</source>
        <translation>无法创建文件夹 %1：%2</translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
</context>
<context>
    <name>longlink</name>
    <message>
        <source>the server does not accept MQTT 3.1.1</source>
        <translation>服务器不接受 MQTT 3.1.1</translation>
    </message>
    <message>
        <source>the server rejected the client id</source>
        <translation>服务器拒绝了客户端 ID</translation>
    </message>
    <message>
        <source>the MQTT service is unavailable</source>
        <translation>MQTT 服务不可用</translation>
    </message>
    <message>
        <source>bad user name or password</source>
        <translation>用户名或密码错误</translation>
    </message>
    <message>
        <source>not authorised</source>
        <translation>未获授权</translation>
    </message>
    <message>
        <source>the server does not accept this MQTT version</source>
        <translation>服务器不接受此 MQTT 版本</translation>
    </message>
    <message>
        <source>the server is unavailable</source>
        <translation>服务器不可用</translation>
    </message>
    <message>
        <source>the server is busy</source>
        <translation>服务器繁忙</translation>
    </message>
    <message>
        <source>banned by the server</source>
        <translation>已被服务器封禁</translation>
    </message>
    <message>
        <source>the file is shorter than an ELF header</source>
        <translation>文件比 ELF 头还短</translation>
    </message>
    <message>
        <source>the file ends before its section table (truncated or still being written)</source>
        <translation>文件在节表之前结束（已截断或仍在写入）</translation>
    </message>
    <message>
        <source>the file ends before its program headers (truncated or still being written)</source>
        <translation>文件在程序头之前结束（已截断或仍在写入）</translation>
    </message>
    <message>
        <source>the file ends inside a loadable segment (truncated or still being written)</source>
        <translation>文件在可加载段中结束（已截断或仍在写入）</translation>
    </message>
    <message>
        <source>unknown ELF class</source>
        <translation>未知的 ELF 类别</translation>
    </message>
    <message>
        <source>its program headers are malformed</source>
        <translation>其程序头格式错误</translation>
    </message>
    <message>
        <source>bad authentication method</source>
        <translation>认证方法错误</translation>
    </message>
    <message>
        <source>the server has moved</source>
        <translation>服务器已迁移</translation>
    </message>
    <message>
        <source>the server refused the connection (code 0x%1)</source>
        <translation>服务器拒绝了连接（代码 0x%1）</translation>
    </message>
    <message>
        <source>normal disconnection</source>
        <translation>正常断开连接</translation>
    </message>
    <message>
        <source>unspecified error</source>
        <translation>未指明的错误</translation>
    </message>
    <message>
        <source>the server could not read a packet from us</source>
        <translation>服务器无法解析本客户端发出的数据包</translation>
    </message>
    <message>
        <source>protocol error</source>
        <translation>协议错误</translation>
    </message>
    <message>
        <source>refused by the server&apos;s rules</source>
        <translation>被服务器的规则拒绝</translation>
    </message>
    <message>
        <source>the server is shutting down</source>
        <translation>服务器正在关闭</translation>
    </message>
    <message>
        <source>keep-alive timeout</source>
        <translation>保活超时</translation>
    </message>
    <message>
        <source>the session was taken over by another connection with this client id</source>
        <translation>会话已被使用同一客户端 ID 的另一个连接接管</translation>
    </message>
    <message>
        <source>topic filter not valid</source>
        <translation>主题过滤器无效</translation>
    </message>
    <message>
        <source>topic name not valid</source>
        <translation>主题名无效</translation>
    </message>
    <message>
        <source>receive maximum exceeded</source>
        <translation>超出了接收最大值（Receive Maximum）</translation>
    </message>
    <message>
        <source>topic alias not valid</source>
        <translation>主题别名无效</translation>
    </message>
    <message>
        <source>a packet was too large for the server</source>
        <translation>有数据包超出了服务器允许的大小</translation>
    </message>
    <message>
        <source>message rate too high</source>
        <translation>消息速率过高</translation>
    </message>
    <message>
        <source>quota exceeded</source>
        <translation>超出配额</translation>
    </message>
    <message>
        <source>closed by an administrator</source>
        <translation>已被管理员关闭</translation>
    </message>
    <message>
        <source>payload format not valid</source>
        <translation>载荷格式无效</translation>
    </message>
    <message>
        <source>retain not supported</source>
        <translation>不支持保留消息</translation>
    </message>
    <message>
        <source>QoS not supported</source>
        <translation>不支持该 QoS</translation>
    </message>
    <message>
        <source>use another server</source>
        <translation>请改用另一台服务器</translation>
    </message>
    <message>
        <source>shared subscriptions not supported</source>
        <translation>不支持共享订阅</translation>
    </message>
    <message>
        <source>connection rate exceeded</source>
        <translation>超出连接速率限制</translation>
    </message>
    <message>
        <source>maximum connect time reached</source>
        <translation>已达到最长连接时间</translation>
    </message>
    <message>
        <source>subscription identifiers not supported</source>
        <translation>不支持订阅标识符</translation>
    </message>
    <message>
        <source>wildcard subscriptions not supported</source>
        <translation>不支持通配符订阅</translation>
    </message>
    <message>
        <source>reason code 0x%1</source>
        <translation>原因码 0x%1</translation>
    </message>
    <message>
        <source>packet identifier in use</source>
        <translation>数据包标识符已在使用中</translation>
    </message>
    <message>
        <source>%1 (the server says: %2)</source>
        <translation>%1（服务器称：%2）</translation>
    </message>
</context>
<context>
    <name>longlink::ChatClient</name>
    <message>
        <source>another Longlink (process %1) is already using %2</source>
        <translation>另一个 Longlink（进程 %1）正在使用 %2</translation>
    </message>
    <message>
        <source>cannot lock %1</source>
        <translation>无法锁定 %1</translation>
    </message>
    <message>
        <source>the network changed</source>
        <translation>网络已变化</translation>
    </message>
    <message>
        <source>no usable transport %1@%2 serves &quot;%3&quot;</source>
        <translation>没有可用的传输 %1@%2 支持“%3”</translation>
    </message>
    <message>
        <source>the message is longer than %1 characters</source>
        <translation>消息超过 %1 个字符</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be a user name: %2</source>
        <translation>“%1”不能作为用户名：%2</translation>
    </message>
    <message>
        <source>%1 bytes, over the limit of %2 bytes</source>
        <translation>%1 字节，超过了 %2 字节的上限</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be a room name: %2</source>
        <translation>“%1”不能作为房间名：%2</translation>
    </message>
    <message>
        <source>the server had forgotten this session: messages sent to you while you were away may be missing</source>
        <translation>服务器已丢失此会话：你离开期间发给你的消息可能缺失</translation>
    </message>
    <message>
        <source>not a Longlink topic</source>
        <translation>不是 Longlink 主题</translation>
    </message>
    <message>
        <source>presence is neither &quot;online&quot; nor &quot;offline&quot;</source>
        <translation>在线状态既不是“online”也不是“offline”</translation>
    </message>
    <message>
        <source>invalid message: %1</source>
        <translation>无效消息：%1</translation>
    </message>
    <message>
        <source>it claims to be from %1 in %2</source>
        <translation>它自称来自 %2 中的 %1</translation>
    </message>
    <message>
        <source>cannot create the data folder %1: %2</source>
        <translation>无法创建数据文件夹 %1：%2</translation>
    </message>
    <message>
        <source>a CA file or certificate pin is for TLS servers (mqtts://, wss://), not %1</source>
        <translation>CA 文件或固定的证书指纹只适用于 TLS 服务器（mqtts://、wss://），不适用于 %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server URL like mqtt://host:1883, mqtts://host:8883 or wss://host/mqtt</source>
        <translation>“%1”不是 mqtt://host:1883、mqtts://host:8883 或 wss://host/mqtt 这样的服务器 URL</translation>
    </message>
    <message>
        <source>no usable transport plugin serves &quot;%1&quot;</source>
        <translation>没有可用的传输插件支持“%1”</translation>
    </message>
    <message>
        <source>the server changed</source>
        <translation>服务器已更改</translation>
    </message>
    <message>
        <source>connecting again</source>
        <translation>正在重新连接</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a message id</source>
        <translation>“%1”不是消息 ID</translation>
    </message>
    <message>
        <source>an edit cannot leave the message empty: delete it instead</source>
        <translation>编辑后的消息不能为空：请改为删除它</translation>
    </message>
    <message>
        <source>only your own messages can be edited or deleted</source>
        <translation>只能编辑或删除自己的消息</translation>
    </message>
    <message>
        <source>a membership is neither &quot;joined&quot; nor empty</source>
        <translation>成员通知既不是“joined”也不是空</translation>
    </message>
    <message>
        <source>a typing notice is neither &quot;typing&quot; nor &quot;stopped&quot;</source>
        <translation>输入通知既不是“typing”也不是“stopped”</translation>
    </message>
</context>
<context>
    <name>longlink::HotSwapController</name>
    <message>
        <source>no usable transport plugin serves &quot;%1&quot; (searched %2)</source>
        <translation>没有可用的传输插件支持“%1”（已搜索 %2）</translation>
    </message>
    <message>
        <source>handover (%1)</source>
        <translation>移交（%1）</translation>
    </message>
    <message>
        <source>reconnect</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <source>break-before-make</source>
        <translation>先断后连</translation>
    </message>
    <message>
        <source>could not take over the session: %1</source>
        <translation>无法接管会话：%1</translation>
    </message>
    <message>
        <source>handover</source>
        <translation>移交</translation>
    </message>
    <message>
        <source>failed during probation: %1</source>
        <translation>试用期间失败：%1</translation>
    </message>
    <message>
        <source>going back to the previous transport</source>
        <translation>退回到之前的传输</translation>
    </message>
    <message>
        <source>the app stopped within %1 s after %2 was unloaded (%3): it left something running, a timer or a thread; skipped since</source>
        <translation>应用在 %2 卸载后 %1 秒内停止（%3）：它留下了仍在运行的东西（定时器或线程）；此后已跳过</translation>
    </message>
    <message>
        <source>the app stopped while %1 was on probation (%2); skipped since</source>
        <translation>应用在 %1 试用期间停止（%2）；此后已跳过</translation>
    </message>
    <message>
        <source>the transport plugin for &quot;%1&quot; is being checked; connecting once it passes</source>
        <translation>“%1”的传输插件正在检查中；通过后即连接</translation>
    </message>
    <message>
        <source>%1 is ready</source>
        <translation>%1 已就绪</translation>
    </message>
    <message>
        <source>the transport plugin for &quot;%1&quot; is being checked</source>
        <translation>“%1”的传输插件正在检查中</translation>
    </message>
    <message>
        <source>no usable transport plugin serves &quot;%1&quot;</source>
        <translation>没有可用的传输插件支持“%1”</translation>
    </message>
</context>
<context>
    <name>longlink::MqttSession</name>
    <message>
        <source>no CONNACK from the server within %1 ms</source>
        <translation>服务器在 %1 毫秒内没有回复 CONNACK</translation>
    </message>
    <message>
        <source>the transport did not open within %1 ms</source>
        <translation>传输未能在 %1 毫秒内打开</translation>
    </message>
    <message>
        <source>the new transport did not take over within %1 ms</source>
        <translation>新传输未能在 %1 毫秒内接管</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>checking the connection</source>
        <translation>正在检查连接</translation>
    </message>
    <message>
        <source>replaced by a newer transport</source>
        <translation>已被更新的传输取代</translation>
    </message>
    <message>
        <source>the session is stopped</source>
        <translation>会话已停止</translation>
    </message>
    <message>
        <source>the new transport could not adopt the connection</source>
        <translation>新传输无法接管连接</translation>
    </message>
    <message>
        <source>moving to another transport failed</source>
        <translation>切换到另一个传输失败</translation>
    </message>
    <message>
        <source>cannot send CONNECT on the new transport</source>
        <translation>无法在新传输上发送 CONNECT</translation>
    </message>
    <message>
        <source>malformed packet on the new transport: %1</source>
        <translation>新传输上的数据包格式错误：%1</translation>
    </message>
    <message>
        <source>the server sent %1 before CONNACK on the new transport</source>
        <translation>服务器在新传输上于 CONNACK 之前发送了 %1</translation>
    </message>
    <message>
        <source>the new transport closed</source>
        <translation>新传输已关闭</translation>
    </message>
    <message>
        <source>malformed packet from the server: %1</source>
        <translation>服务器发来的数据包格式错误：%1</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>the server sent %1 before CONNACK</source>
        <translation>服务器在 CONNACK 之前发送了 %1</translation>
    </message>
    <message>
        <source>unexpected %1 from the server</source>
        <translation>服务器发来意外的 %1</translation>
    </message>
    <message>
        <source>a second CONNACK from the server</source>
        <translation>服务器发来了第二个 CONNACK</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <source>the session stopped</source>
        <translation>会话已停止</translation>
    </message>
    <message>
        <source>the server sent PUBLISH before CONNACK on the new transport</source>
        <translation>服务器在新传输上先于 CONNACK 发送了 PUBLISH</translation>
    </message>
    <message>
        <source>the server sent PUBLISH before CONNACK</source>
        <translation>服务器先于 CONNACK 发送了 PUBLISH</translation>
    </message>
    <message>
        <source>the server stopped answering (nothing, not even a PINGRESP, for %1 ms)</source>
        <translation>服务器停止响应（%1 毫秒内没有任何数据，连 PINGRESP 也没有）</translation>
    </message>
    <message>
        <source>the server closed the connection on an MQTT 5.0 CONNECT</source>
        <translation>服务器在收到 MQTT 5.0 的 CONNECT 后关闭了连接</translation>
    </message>
    <message>
        <source>%1; trying MQTT 3.1.1</source>
        <translation>%1；改用 MQTT 3.1.1 重试</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>the server does not speak MQTT 5.0</source>
        <translation>服务器不支持 MQTT 5.0</translation>
    </message>
    <message>
        <source>the server closed the connection: %1</source>
        <translation>服务器关闭了连接：%1</translation>
    </message>
    <message>
        <source>(it names %1)</source>
        <translation>（它指定的服务器：%1）</translation>
    </message>
    <message>
        <source>%1 bytes, more than the server takes (%2 bytes)</source>
        <translation>%1 字节，超过了服务器允许的上限（%2 字节）</translation>
    </message>
    <message>
        <source>the server used a topic alias, which this client does not allow</source>
        <translation>服务器使用了本客户端不允许的主题别名</translation>
    </message>
</context>
<context>
    <name>longlink::PluginCheck</name>
    <message>
        <source>could not be checked: %1 did not start (%2)</source>
        <translation>无法检查：%1 未能启动（%2）</translation>
    </message>
    <message>
        <source>could not be checked: %1 is missing</source>
        <translation>无法检查：缺少 %1</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <source>its check did not finish within %1 s (it hung at &quot;%2&quot;)</source>
        <translation>其检查未在 %1 秒内完成（卡在“%2”）</translation>
    </message>
    <message>
        <source>it crashed in its check right after its library was unloaded (at &quot;%1&quot;): it left code running, a timer or a thread</source>
        <translation>它在检查中、其库刚卸载后就崩溃了（在“%1”）：它留下了仍在运行的代码（定时器或线程）</translation>
    </message>
    <message>
        <source>it crashed in its check at &quot;%1&quot;</source>
        <translation>它在检查中于“%1”崩溃</translation>
    </message>
    <message>
        <source>its check ended with exit code %1 at &quot;%2&quot;%3</source>
        <translation>其检查在“%2”以退出码 %1 结束%3</translation>
    </message>
</context>
<context>
    <name>longlink::PluginTrial</name>
    <message>
        <source>%1 %2, API %3, schemes %4%5</source>
        <translation>%1 %2，API %3，协议 %4%5</translation>
    </message>
    <message>
        <source>, handover %1</source>
        <translation>，交接 %1</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>no GNU unique symbols: the library can be unloaded</source>
        <translation>没有 GNU unique 符号：库可以卸载</translation>
    </message>
    <message numerus="yes">
        <source>%n GNU unique symbol(s) (%1%2): the dynamic linker can never unload this library, so every version swapped in stays in memory; build with CXX_VISIBILITY_PRESET hidden and VISIBILITY_INLINES_HIDDEN ON (-fvisibility=hidden -fvisibility-inlines-hidden)</source>
        <translation>
            <numerusform>%n 个 GNU unique 符号（%1%2）：动态链接器永远无法卸载此库，换入的每个版本都会一直留在内存中；请用 CXX_VISIBILITY_PRESET hidden 和 VISIBILITY_INLINES_HIDDEN ON 构建（-fvisibility=hidden -fvisibility-inlines-hidden）</numerusform>
        </translation>
    </message>
    <message>
        <source>could not load: %1</source>
        <translation>无法加载：%1</translation>
    </message>
    <message>
        <source>the library was not unloaded within %1 ms</source>
        <translation>库未在 %1 毫秒内卸载</translation>
    </message>
    <message>
        <source>the library stays mapped after its unload (it has unique symbols, or was linked with -z nodelete)</source>
        <translation>库在卸载后仍被映射（它有 unique 符号，或以 -z nodelete 链接）</translation>
    </message>
    <message numerus="yes">
        <source>%n timer(s) still pending (a QTimer::singleShot whose context object is not one of the transport&apos;s own)</source>
        <translation>
            <numerusform>%n 个计时器仍在等待（上下文对象不属于传输自身的 QTimer::singleShot）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n thread(s) still running</source>
        <translation>
            <numerusform>%n 个线程仍在运行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) left as children of the application</source>
        <translation>
            <numerusform>%n 个对象留作应用程序的子对象</numerusform>
        </translation>
    </message>
    <message>
        <source>metatypes registered with the plugin&apos;s own types (%1): use Qt&apos;s types across queued signals</source>
        <translation>用插件自己的类型注册了元类型（%1）：跨排队信号请使用 Qt 的类型</translation>
    </message>
    <message>
        <source>it left code running after its transports were destroyed and its library unloaded: %1; they would run into unloaded code</source>
        <translation>传输被销毁、库被卸载后，它仍留下了运行中的代码：%1；这些代码会跑进已卸载的代码</translation>
    </message>
    <message>
        <source>%1 ms after the unload</source>
        <translation>卸载后 %1 毫秒</translation>
    </message>
</context>
<context>
    <name>longlink::RacingLink</name>
    <message>
        <source>no server address to connect to</source>
        <translation>没有可连接的服务器地址</translation>
    </message>
    <message>
        <source>no transport for it</source>
        <translation>没有适用的传输</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message numerus="yes">
        <source>%n addresses</source>
        <translation>
            <numerusform>%n 个地址</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>longlink::StreamChecks</name>
    <message>
        <source>cannot listen on 127.0.0.1 for the test peer: %1</source>
        <translation>无法在 127.0.0.1 上为测试对端监听：%1</translation>
    </message>
    <message>
        <source>a local %1 peer</source>
        <translation>本地 %1 对端</translation>
    </message>
    <message>
        <source> (a throwaway self-signed certificate, trusted by its pin)</source>
        <translation>（一次性自签名证书，按其指纹信任）</translation>
    </message>
    <message>
        <source>the plugin created no transport</source>
        <translation>插件没有创建传输</translation>
    </message>
    <message>
        <source>neither transportOpened nor transportClosed within %1 ms of open() with connectTimeoutMs %2</source>
        <translation>open() 后 %1 毫秒内既没有 transportOpened 也没有 transportClosed（connectTimeoutMs 为 %2）</translation>
    </message>
    <message>
        <source>could not open %1: %2 (%3)</source>
        <translation>无法打开 %1：%2（%3）</translation>
    </message>
    <message>
        <source>transportOpened came, but the peer saw no connection</source>
        <translation>收到了 transportOpened，但对端没有看到连接</translation>
    </message>
    <message>
        <source>needs a stream that opens (see &quot;open&quot;)</source>
        <translation>需要一个能打开的流（见“open”）</translation>
    </message>
    <message>
        <source>; not tried: %1 (no local peer for it here)</source>
        <translation>；未尝试：%1（此处没有可用的本地对端）</translation>
    </message>
    <message>
        <source>opened %1 against %2%3</source>
        <translation>已对 %2%3 打开 %1</translation>
    </message>
    <message>
        <source>not applicable: this checker has no peer that speaks &quot;%1&quot;; against %2 it said: %3</source>
        <translation>不适用：本检查器没有会说“%1”的对端；对 %2 它报告：%3</translation>
    </message>
    <message>
        <source>%1; it must open against %2</source>
        <translation>%1；它必须能对 %2 打开</translation>
    </message>
    <message>
        <source>write() refused %1 bytes on an open transport</source>
        <translation>write() 在已打开的传输上拒绝了 %1 字节</translation>
    </message>
    <message>
        <source>the peer received %1 of %2 bytes written, within %3 ms</source>
        <translation>对端在 %3 毫秒内收到了写入的 %2 字节中的 %1 字节</translation>
    </message>
    <message>
        <source>the peer received %1 bytes</source>
        <translation>对端收到了 %1 字节</translation>
    </message>
    <message>
        <source>no transportClosed within %1 s of close(): the host would wait for it and then blame the server for a lost connection; send transportClosed(None) from the event loop after close() and abort()</source>
        <translation>close() 后 %1 秒内没有 transportClosed：主机会一直等待，然后把连接丢失归咎于服务器；请在 close() 和 abort() 之后从事件循环发出 transportClosed(None)</translation>
    </message>
    <message>
        <source>transportClosed came %1 times; the contract is exactly once</source>
        <translation>transportClosed 出现了 %1 次；契约要求恰好一次</translation>
    </message>
    <message>
        <source>transportClosed after close() said %1 (%2); after a requested close it is None</source>
        <translation>close() 之后的 transportClosed 报告 %1（%2）；主动关闭后应为 None</translation>
    </message>
    <message>
        <source>the peer&apos;s connection was still open %1 s after close() and transportClosed</source>
        <translation>close() 和 transportClosed 之后 %1 秒，对端的连接仍然打开</translation>
    </message>
    <message>
        <source>transportClosed(None) once</source>
        <translation>transportClosed(None) 一次</translation>
    </message>
    <message>
        <source>nothing more after its end</source>
        <translation>结束后再无任何事件</translation>
    </message>
    <message>
        <source>write() refused one write of %1 MiB</source>
        <translation>write() 拒绝了一次 %1 MiB 的写入</translation>
    </message>
    <message>
        <source>the peer received all %1 MiB of one write(), in order</source>
        <translation>对端按顺序收到了一次 write() 的全部 %1 MiB</translation>
    </message>
    <message>
        <source>of one write() of %1 bytes the peer received %2, the first %3 of them right, within %4 ms%5</source>
        <translation>一次 %1 字节的 write()，对端在 %4 毫秒内收到 %2 字节，其中前 %3 字节正确%5</translation>
    </message>
    <message>
        <source>; the stream closed: %1</source>
        <translation>；流已关闭：%1</translation>
    </message>
    <message>
        <source>write() refused %1 of %2 small writes on an open transport</source>
        <translation>write() 在已打开的传输上拒绝了 %2 次小写入中的 %1 次</translation>
    </message>
    <message>
        <source>the peer received every byte of %1 writes of 1 to 61 bytes, in order</source>
        <translation>对端按顺序收到了 %1 次 1 到 61 字节写入的每一个字节</translation>
    </message>
    <message>
        <source>of %1 small writes (%2 bytes) the peer received %3 bytes, the first %4 of them right, within %5 ms</source>
        <translation>%1 次小写入（%2 字节），对端在 %5 毫秒内收到 %3 字节，其中前 %4 字节正确</translation>
    </message>
    <message>
        <source>no transportClosed within %1 s of the peer closing the connection: the session would hang on a dead stream</source>
        <translation>对端关闭连接后 %1 秒内没有 transportClosed：会话会挂在一个已死的流上</translation>
    </message>
    <message>
        <source>transportClosed came %1 times after the peer closed; the contract is exactly once</source>
        <translation>对端关闭后 transportClosed 出现了 %1 次；契约要求恰好一次</translation>
    </message>
    <message>
        <source>the peer closing the connection ended in %1 (%2), not RemoteClosed</source>
        <translation>对端关闭连接的结果是 %1（%2），而不是 RemoteClosed</translation>
    </message>
    <message>
        <source>%1: no event may follow transportClosed</source>
        <translation>%1：transportClosed 之后不得再有任何事件</translation>
    </message>
    <message>
        <source>transportClosed(RemoteClosed) once: %1</source>
        <translation>transportClosed(RemoteClosed) 一次：%1</translation>
    </message>
    <message>
        <source>not applicable: &quot;%1&quot; may not connect over TCP</source>
        <translation>不适用：“%1”不一定经 TCP 连接</translation>
    </message>
    <message>
        <source>no transportClosed within %1 ms of open() on %2, where nobody listens%3</source>
        <translation>在无人监听的 %2 上 open() 后 %1 毫秒内没有 transportClosed%3</translation>
    </message>
    <message>
        <source> (it said transportOpened)</source>
        <translation>（它报告了 transportOpened）</translation>
    </message>
    <message>
        <source>transportClosed came %1 times for one refused connection; the contract is exactly once</source>
        <translation>一次被拒绝的连接，transportClosed 出现了 %1 次；契约要求恰好一次</translation>
    </message>
    <message>
        <source>transportOpened came for %1, where nobody listens</source>
        <translation>在无人监听的 %1 上收到了 transportOpened</translation>
    </message>
    <message>
        <source>open() on %1, where nobody listens, ended in %2 (%3), not ConnectionRefused</source>
        <translation>在无人监听的 %1 上 open() 的结果是 %2（%3），而不是 ConnectionRefused</translation>
    </message>
    <message>
        <source>transportClosed(ConnectionRefused) once: %1</source>
        <translation>transportClosed(ConnectionRefused) 一次：%1</translation>
    </message>
    <message>
        <source>not applicable: the metadata declares no &quot;connectTimeoutMs&quot; option</source>
        <translation>不适用：元数据没有声明“connectTimeoutMs”选项</translation>
    </message>
    <message>
        <source>not tried: no peer that never completes a connection could be made (%1)</source>
        <translation>未尝试：无法建立一个永不完成连接的对端（%1）</translation>
    </message>
    <message>
        <source>no transportClosed within %1 ms of open() with connectTimeoutMs %2 on a peer that never completes the connection: end the open with Timeout when connectTimeoutMs has passed</source>
        <translation>在永不完成连接的对端上 open() 后 %1 毫秒内没有 transportClosed（connectTimeoutMs 为 %2）：超过 connectTimeoutMs 时请以 Timeout 结束打开</translation>
    </message>
    <message>
        <source>transportClosed came %1 times for one timed-out open; the contract is exactly once</source>
        <translation>一次超时的打开，transportClosed 出现了 %1 次；契约要求恰好一次</translation>
    </message>
    <message>
        <source>an open that never completes ended in %1 (%2), not Timeout</source>
        <translation>永不完成的打开结果是 %1（%2），而不是 Timeout</translation>
    </message>
    <message>
        <source>transportClosed(Timeout) once, within %1 ms of open() with connectTimeoutMs %2</source>
        <translation>transportClosed(Timeout) 一次，在 open() 后 %1 毫秒内（connectTimeoutMs 为 %2）</translation>
    </message>
    <message>
        <source>release() returned false on an open transport, although the metadata declares %1</source>
        <translation>release() 在已打开的传输上返回 false，尽管元数据声明了 %1</translation>
    </message>
    <message>
        <source>adopt() of what release() gave (%1) returned false</source>
        <translation>对 release() 交出的内容（%1）调用 adopt() 返回 false</translation>
    </message>
    <message>
        <source>write() on the adopting transport returned false: after adopt() the stream is open at once</source>
        <translation>接管方传输上的 write() 返回 false：adopt() 之后流立即处于打开状态</translation>
    </message>
    <message>
        <source>the peer received %1 of %2 bytes, the first %3 of them right: the bytes write() accepted before release() go in &quot;unsent&quot;, and the adopter writes them first</source>
        <translation>对端收到了 %2 字节中的 %1 字节，其中前 %3 字节正确：release() 前 write() 已接受的字节应放入“unsent”，由接管方先写出</translation>
    </message>
    <message>
        <source>of %1 bytes the peer sent, %2 came from the first transport and %3 from the adopter: what was read but not delivered before release() goes in &quot;pending&quot;, and the adopter delivers it</source>
        <translation>对端发送的 %1 字节中，%2 字节来自第一个传输，%3 字节来自接管方：release() 前已读取但未交付的数据应放入“pending”，由接管方交付</translation>
    </message>
    <message>
        <source>the adopter sent transportOpened: an adopted stream is open at once, without it</source>
        <translation>接管方发出了 transportOpened：接管的流立即处于打开状态，无需该事件</translation>
    </message>
    <message>
        <source>the released transport sent %1: after release() it sends nothing</source>
        <translation>被释放的传输发出了 %1：release() 之后它不再发出任何事件</translation>
    </message>
    <message>
        <source>the adopter closed: %1</source>
        <translation>接管方已关闭：%1</translation>
    </message>
    <message>
        <source>%1: release() and adopt() by a second transport; &quot;pending&quot; and &quot;unsent&quot; kept, data flowed both ways</source>
        <translation>%1：由第二个传输 release() 和 adopt()；保留了“pending”和“unsent”，数据双向流通</translation>
    </message>
    <message>
        <source>%1: queue events (QMetaObject::invokeMethod with Qt::QueuedConnection on an object the transport owns), never send them from inside open(), write(), close(), abort(), release() or adopt()</source>
        <translation>%1：请把事件排队发出（在传输自己拥有的对象上用 QMetaObject::invokeMethod 和 Qt::QueuedConnection），绝不要在 open()、write()、close()、abort()、release() 或 adopt() 内部发出</translation>
    </message>
    <message>
        <source>%1: after transportClosed, or a release() that returned true, a transport sends no more events</source>
        <translation>%1：transportClosed 之后，或 release() 返回 true 之后，传输不再发出任何事件</translation>
    </message>
    <message numerus="yes">
        <source>none from inside a host call or after the end (%n transport(s))</source>
        <translation>
            <numerusform>主机调用内部和结束之后都没有事件（%n 个传输）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>longlink::TransportHost</name>
    <message>
        <source>could not load: %1</source>
        <translation>无法加载：%1</translation>
    </message>
    <message>
        <source>the plugin created no transport</source>
        <translation>插件没有创建传输</translation>
    </message>
    <message>
        <source>no usable transport plugin serves &quot;%1&quot; (searched %2)</source>
        <translation>没有可用的传输插件支持“%1”（已搜索 %2）</translation>
    </message>
    <message>
        <source>serves %1, the server is %2</source>
        <translation>服务于 %1，而服务器是 %2</translation>
    </message>
    <message>
        <source>%1 is chosen by hand; choose the newest automatically to use this one</source>
        <translation>已手动选择 %1；改为自动使用最新版本后才会使用此插件</translation>
    </message>
    <message>
        <source>in a separate process</source>
        <translation>在独立进程中</translation>
    </message>
    <message>
        <source>being checked in a separate process</source>
        <translation>正在独立进程中检查</translation>
    </message>
</context>
<context>
    <name>longlink::TransportLink</name>
    <message>
        <source>the transport %1 does not support the option &quot;%2&quot; this connection needs</source>
        <translation>传输 %1 不支持此连接所需的选项“%2”</translation>
    </message>
    <message>
        <source>the option &quot;%1&quot; is not of the type &quot;%2&quot; the transport %3 expects</source>
        <translation>选项“%1”不是传输 %3 所要求的“%2”类型</translation>
    </message>
    <message>
        <source>it sent %1 from inside %2(): a transport must queue its events; the host delivered it later</source>
        <translation>它在 %2() 内部发送了 %1：传输必须将事件排队发送；主机已稍后投递该事件</translation>
    </message>
    <message>
        <source>it sent no transportClosed within %1 s of close(); the host treats the stream as closed</source>
        <translation>它在 close() 之后 %1 秒内没有发送 transportClosed；主机将该数据流视为已关闭</translation>
    </message>
    <message>
        <source>closed (the transport did not confirm it)</source>
        <translation>已关闭（传输未确认）</translation>
    </message>
</context>
<context>
    <name>longlink::TransportPluginInfo</name>
    <message>
        <source>cannot read the file: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>cannot make a private copy: %1</source>
        <translation>无法创建私有副本：%1</translation>
    </message>
    <message>
        <source>cannot make a private copy</source>
        <translation>无法创建私有副本</translation>
    </message>
    <message>
        <source>not a Qt plugin (no plugin metadata found)</source>
        <translation>不是 Qt 插件（找不到插件元数据）</translation>
    </message>
    <message>
        <source>interface &quot;%1&quot; is not &quot;%2&quot;</source>
        <translation>接口“%1”不是“%2”</translation>
    </message>
    <message>
        <source>metadata has no &quot;name&quot;</source>
        <translation>元数据缺少“name”</translation>
    </message>
    <message>
        <source>metadata &quot;version&quot; is not a semantic version like 1.2.3</source>
        <translation>元数据“version”不是 1.2.3 这样的语义化版本</translation>
    </message>
    <message>
        <source>metadata &quot;apiVersion&quot; is not major.minor</source>
        <translation>元数据“apiVersion”不是 主版本.次版本 格式</translation>
    </message>
    <message>
        <source>built for SDK %1, this host speaks %2.%3</source>
        <translation>为 SDK %1 构建，本程序使用 %2.%3</translation>
    </message>
    <message>
        <source>metadata lists no &quot;schemes&quot;</source>
        <translation>元数据没有列出“schemes”</translation>
    </message>
    <message>
        <source>not trusted: %1 - %2</source>
        <translation>不受信任：%1 - %2</translation>
    </message>
    <message>
        <source>metadata &quot;options&quot; is not an object of option names and types</source>
        <translation>元数据“options”不是由选项名和类型组成的对象</translation>
    </message>
    <message>
        <source>metadata option &quot;%1&quot; has no known type (one of %2)</source>
        <translation>元数据选项“%1”没有已知的类型（应为 %2 之一）</translation>
    </message>
</context>
<context>
    <name>longlink::transports::CertificatePolicy</name>
    <message>
        <source>the pin &quot;%1&quot; is not a SHA-256 fingerprint (64 hex digits)</source>
        <translation>固定指纹“%1”不是 SHA-256 指纹（64 位十六进制数字）</translation>
    </message>
    <message>
        <source>cannot read the CA file %1: %2</source>
        <translation>无法读取 CA 文件 %1：%2</translation>
    </message>
    <message>
        <source>the CA file %1 holds no PEM certificate</source>
        <translation>CA 文件 %1 中没有 PEM 证书</translation>
    </message>
    <message>
        <source>the server&apos;s certificate (SHA-256 %1) matches no pinned fingerprint</source>
        <translation>服务器的证书（SHA-256 %1）与任何固定指纹都不匹配</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>the server sent no certificate</source>
        <translation>服务器没有发送证书</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>longlink::transports::SocketFailure</name>
    <message>
        <source>connection refused by %1 (is the server running?)</source>
        <translation>%1 拒绝了连接（服务器是否在运行？）</translation>
    </message>
    <message>
        <source>host not found: %1</source>
        <translation>找不到主机：%1</translation>
    </message>
    <message>
        <source>timed out talking to %1</source>
        <translation>与 %1 通信超时</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>服务器关闭了连接</translation>
    </message>
    <message>
        <source>TLS with %1 failed: %2</source>
        <translation>与 %1 的 TLS 连接失败：%2</translation>
    </message>
    <message>
        <source>%1 is unreachable: %2</source>
        <translation>无法访问 %1：%2</translation>
    </message>
    <message>
        <source>network error: %1</source>
        <translation>网络错误：%1</translation>
    </message>
</context>
<context>
    <name>longlink::transports::TcpTransport</name>
    <message>
        <source>open() called twice on one transport</source>
        <translation>在同一个传输上调用了两次 open()</translation>
    </message>
    <message>
        <source>invalid TCP endpoint &quot;%1&quot;</source>
        <translation>无效的 TCP 端点“%1”</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>服务器关闭了连接</translation>
    </message>
    <message>
        <source>network error: %1</source>
        <translation>网络错误：%1</translation>
    </message>
    <message>
        <source>no answer from %1 within %2 ms</source>
        <translation>%1 在 %2 毫秒内没有响应</translation>
    </message>
</context>
<context>
    <name>longlink::transports::TlsTransport</name>
    <message>
        <source>open() called twice on one transport</source>
        <translation>在同一个传输上调用了两次 open()</translation>
    </message>
    <message>
        <source>invalid TLS endpoint &quot;%1&quot;</source>
        <translation>无效的 TLS 端点“%1”</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>the certificate of %1 was not trusted</source>
        <translation>%1 的证书未被信任</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>服务器关闭了连接</translation>
    </message>
    <message>
        <source>%1:%2 closed the connection during the TLS handshake</source>
        <translation>%1:%2 在 TLS 握手期间关闭了连接</translation>
    </message>
    <message>
        <source>%1 closed the connection during the TLS handshake</source>
        <translation>%1 在 TLS 握手期间关闭了连接</translation>
    </message>
    <message>
        <source>network error: %1</source>
        <translation>网络错误：%1</translation>
    </message>
    <message>
        <source>no answer from %1:%2 within %3 ms</source>
        <translation>%1:%2 在 %3 毫秒内没有响应</translation>
    </message>
</context>
<context>
    <name>longlink::transports::WebSocketTransport</name>
    <message>
        <source>open() called twice on one transport</source>
        <translation>在同一个传输上调用了两次 open()</translation>
    </message>
    <message>
        <source>invalid WebSocket endpoint &quot;%1&quot; (ws://host:port/path or wss://...)</source>
        <translation>无效的 WebSocket 端点“%1”（应为 ws://host:port/path 或 wss://...）</translation>
    </message>
    <message>
        <source>certificate options need a wss:// URL, not %1</source>
        <translation>证书选项需要 wss:// URL，而不是 %1</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>the certificate of %1 was not trusted</source>
        <translation>%1 的证书未被信任</translation>
    </message>
    <message>
        <source>the server at %1 did not agree to the WebSocket subprotocol %2</source>
        <translation>%1 上的服务器不接受 WebSocket 子协议 %2</translation>
    </message>
    <message>
        <source>the server sent a text frame; the stream is binary</source>
        <translation>服务器发送了文本帧，但此数据流是二进制的</translation>
    </message>
    <message>
        <source>the server closed the WebSocket (code %1)</source>
        <translation>服务器关闭了 WebSocket（代码 %1）</translation>
    </message>
    <message>
        <source>the server closed the WebSocket: %1</source>
        <translation>服务器关闭了 WebSocket：%1</translation>
    </message>
    <message>
        <source>%1 closed the connection before the WebSocket opened</source>
        <translation>%1 在 WebSocket 打开之前关闭了连接</translation>
    </message>
    <message>
        <source>WebSocket error with %1: %2</source>
        <translation>与 %1 的 WebSocket 连接出错：%2</translation>
    </message>
    <message>
        <source>no answer from %1 within %2 ms</source>
        <translation>%1 在 %2 毫秒内没有响应</translation>
    </message>
    <message>
        <source>%1 refused the connection: %2</source>
        <translation>%1 拒绝了连接：%2</translation>
    </message>
</context>
<context>
    <name>longlink::ui::AppController</name>
    <message>
        <source>Longlink cannot start</source>
        <translation>Longlink 无法启动</translation>
    </message>
    <message>
        <source>The server refused the connection: %1</source>
        <translation>服务器拒绝了连接：%1</translation>
    </message>
    <message>
        <source>Could not move to %1: %2</source>
        <translation>无法切换到 %1：%2</translation>
    </message>
</context>
<context>
    <name>longlink::ui::CertificateDialog</name>
    <message>
        <source>Untrusted certificate — Longlink</source>
        <translation>不受信任的证书 — Longlink</translation>
    </message>
    <message>
        <source>Untrusted certificate</source>
        <translation>不受信任的证书</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 presented a certificate Longlink cannot verify.&lt;/b&gt;&lt;br&gt;Someone may be pretending to be this server. Trust it only if its fingerprint matches the one the server&apos;s administrator gave you.</source>
        <translation>&lt;b&gt;%1 出示了一份 Longlink 无法验证的证书。&lt;/b&gt;&lt;br&gt;可能有人在冒充此服务器。只有当它的指纹与服务器管理员提供给你的指纹一致时，才应信任它。</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Issued to:</source>
        <translation>颁发给：</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>颁发者：</translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation>有效期：</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 指纹</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256：</translation>
    </message>
    <message>
        <source>What verification found</source>
        <translation>验证发现的问题</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>问题：</translation>
    </message>
    <message>
        <source>Certificate chain (PEM)</source>
        <translation>证书链（PEM）</translation>
    </message>
    <message>
        <source>Show the certificate &amp;chain</source>
        <translation>显示证书链(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Refuse</source>
        <translation>拒绝(&amp;R)</translation>
    </message>
    <message>
        <source>Trust &amp;once</source>
        <translation>信任一次(&amp;O)</translation>
    </message>
    <message>
        <source>Trust &amp;always</source>
        <translation>始终信任(&amp;A)</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Trust once</source>
        <translation>信任一次</translation>
    </message>
    <message>
        <source>Connect now; ask again after Longlink restarts</source>
        <translation>现在连接；Longlink 重启后会再次询问</translation>
    </message>
    <message>
        <source>Trust always</source>
        <translation>始终信任</translation>
    </message>
    <message>
        <source>Remember this certificate for this server (remove it under Longlink ▸ Trusted certificates)</source>
        <translation>为此服务器记住此证书（可在 Longlink ▸ 受信任的证书 中移除）</translation>
    </message>
</context>
<context>
    <name>longlink::ui::ChatController</name>
    <message>
        <source>swapped</source>
        <translation>已切换</translation>
    </message>
    <message numerus="yes">
        <source>%1 → %2 in %3 ms, %n message(s) affected</source>
        <translation>
            <numerusform>%1 → %2，用时 %3 毫秒，影响 %n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages could not be saved: %1</source>
        <translation>消息无法保存：%1</translation>
    </message>
    <message>
        <source>Join a room first.</source>
        <translation>请先加入一个房间。</translation>
    </message>
    <message>
        <source>asked to retry now</source>
        <translation>已请求立即重试</translation>
    </message>
    <message>
        <source>asked to retry a message</source>
        <translation>已请求重试一条消息</translation>
    </message>
    <message>
        <source>newest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>the newest usable plugin is used</source>
        <translation>使用最新的可用插件</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>已选择</translation>
    </message>
    <message>
        <source>chosen by hand</source>
        <translation>手动选择</translation>
    </message>
    <message>
        <source>The server refused a message: %1</source>
        <translation>服务器拒绝了一条消息：%1</translation>
    </message>
    <message>
        <source>The server did not let you into %1: %2</source>
        <translation>服务器不允许你加入房间 %1：%2</translation>
    </message>
    <message>
        <source>deleted a message</source>
        <translation>删除了一条消息</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>你：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>longlink::ui::Composer</name>
    <message>
        <source>Write a message… (Enter sends, Shift+Enter adds a line)</source>
        <translation>输入消息…（Enter 发送，Shift+Enter 换行）</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Enter sends the message, Shift+Enter starts a new line.</source>
        <translation>Enter 发送消息，Shift+Enter 另起一行。</translation>
    </message>
    <message>
        <source>People to mention</source>
        <translation>可提及的人</translation>
    </message>
</context>
<context>
    <name>longlink::ui::ComposerContextBar</name>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
    <message>
        <source>Reply or edit</source>
        <translation>回复或编辑</translation>
    </message>
    <message>
        <source>Replying to %1</source>
        <translation>回复 %1</translation>
    </message>
    <message>
        <source>Cancel reply</source>
        <translation>取消回复</translation>
    </message>
    <message>
        <source>Editing your message</source>
        <translation>正在编辑你的消息</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>取消编辑</translation>
    </message>
</context>
<context>
    <name>longlink::ui::ConnectDialog</name>
    <message>
        <source>&amp;Remember the password in the system keychain</source>
        <translation>在系统密钥环中记住密码(&amp;R)</translation>
    </message>
    <message>
        <source>Connect to a server — Longlink</source>
        <translation>连接到服务器 — Longlink</translation>
    </message>
    <message>
        <source>Connect to a server</source>
        <translation>连接到服务器</translation>
    </message>
    <message>
        <source>Longlink talks to any MQTT broker. Enter its address and the name you chat as.</source>
        <translation>Longlink 可连接任何 MQTT 代理。请输入它的地址和你聊天时使用的名字。</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>e.g. alice</source>
        <translation>例如 alice</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Remember the password in the system keychain</source>
        <translation>在系统密钥环中记住密码</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address.</source>
        <translation>请输入服务器地址。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address like mqtt://host:1883.</source>
        <translation>“%1”不是 mqtt://host:1883 这样的服务器地址。</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>A user name cannot contain spaces, &apos;/&apos;, &apos;+&apos; or &apos;#&apos;.</source>
        <translation>用户名不能包含空格、“/”、“+”或“#”。</translation>
    </message>
    <message>
        <source>the system&apos;s CAs</source>
        <translation>系统的 CA</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA 文件</translation>
    </message>
    <message>
        <source>TLS: trust the CA certificates in this PEM file instead of the system&apos;s</source>
        <translation>TLS：信任此 PEM 文件中的 CA 证书，而不是系统的 CA 证书</translation>
    </message>
    <message>
        <source>optional, 64 hex digits</source>
        <translation>可选，64 位十六进制数字</translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation>证书指纹</translation>
    </message>
    <message>
        <source>TLS: accept only a server certificate with this SHA-256 fingerprint (several: separate them with spaces)</source>
        <translation>TLS：只接受 SHA-256 指纹与此相符的服务器证书（多个指纹请用空格分隔）</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Choose a CA file</source>
        <translation>选择 CA 文件</translation>
    </message>
    <message>
        <source>CA certificates (PEM)</source>
        <translation>CA 证书（PEM）</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM 证书 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>C&amp;A file:</source>
        <translation>CA 文件(&amp;A)：</translation>
    </message>
    <message>
        <source>Certificate &amp;SHA-256:</source>
        <translation>证书 SHA-256(&amp;S)：</translation>
    </message>
    <message>
        <source>A certificate fingerprint is 64 hex digits (colons allowed).</source>
        <translation>证书指纹为 64 位十六进制数字（可含冒号）。</translation>
    </message>
    <message>
        <source>A CA file or fingerprint is for TLS servers (mqtts://, wss://).</source>
        <translation>CA 文件或指纹只适用于 TLS 服务器（mqtts://、wss://）。</translation>
    </message>
    <message>
        <source>Cannot read the CA file %1.</source>
        <translation>无法读取 CA 文件 %1。</translation>
    </message>
    <message>
        <source>mqtt://host:1883 (plain), mqtts://host:8883 (TLS), ws://host/mqtt or wss://host/mqtt (WebSocket). Several addresses of one service, separated by spaces, are tried together, the first preferred.</source>
        <translation>mqtt://host:1883（明文）、mqtts://host:8883（TLS）、ws://host/mqtt 或 wss://host/mqtt（WebSocket）。同一服务的多个地址以空格分隔，会同时尝试，优先使用第一个。</translation>
    </message>
</context>
<context>
    <name>longlink::ui::DesktopNotifications</name>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
</context>
<context>
    <name>longlink::ui::GuiOptions</name>
    <message>
        <source>Longlink desktop chat client. Without --user it asks for a server and a name, and remembers them.</source>
        <translation>Longlink 桌面聊天客户端。没有 --user 时会询问服务器和名字，并记住它们。</translation>
    </message>
    <message>
        <source>User name: connect at once, no dialog.</source>
        <translation>用户名：立即连接，不显示对话框。</translation>
    </message>
    <message>
        <source>Language for this run: en or zh_CN (default: the setting, else the system&apos;s).</source>
        <translation>本次运行的语言：en 或 zh_CN（默认：设置值，否则跟随系统）。</translation>
    </message>
    <message>
        <source>Colours for this run: system, light or dark.</source>
        <translation>本次运行的配色：system、light 或 dark。</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation>意外的参数“%1”</translation>
    </message>
    <message>
        <source>--language must be en, zh_CN or system</source>
        <translation>--language 必须是 en、zh_CN 或 system</translation>
    </message>
    <message>
        <source>--theme must be system, light or dark</source>
        <translation>--theme 必须是 system、light 或 dark</translation>
    </message>
</context>
<context>
    <name>longlink::ui::JoinRoomDialog</name>
    <message>
        <source>Join a room</source>
        <translation>加入房间</translation>
    </message>
    <message>
        <source>Room &amp;name:</source>
        <translation>房间名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>房间名称</translation>
    </message>
    <message>
        <source>for example: lobby</source>
        <translation>例如：lobby</translation>
    </message>
    <message>
        <source>Problem with the room name</source>
        <translation>房间名称的问题</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>加入(&amp;J)</translation>
    </message>
    <message>
        <source>Not a room name: %1.</source>
        <translation>不是有效的房间名称：%1。</translation>
    </message>
</context>
<context>
    <name>longlink::ui::MainWindow</name>
    <message>
        <source>Longlink</source>
        <translation>Longlink</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>+ Join a room</source>
        <translation>+ 加入房间</translation>
    </message>
    <message>
        <source>Join a room</source>
        <translation>加入房间</translation>
    </message>
    <message>
        <source>Join a room (Ctrl+J)</source>
        <translation>加入房间（Ctrl+J）</translation>
    </message>
    <message>
        <source>Current room</source>
        <translation>当前房间</translation>
    </message>
    <message>
        <source>Room members</source>
        <translation>房间成员</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>You are offline. What you send waits in the outbox and goes out when the connection is back.</source>
        <translation>你已离线。发送的消息会在发件箱中等待，连接恢复后自动发出。</translation>
    </message>
    <message>
        <source>In this room</source>
        <translation>房间成员</translation>
    </message>
    <message>
        <source>People in this room</source>
        <translation>此房间的成员</translation>
    </message>
    <message>
        <source>&amp;Longlink</source>
        <translation>Longlink(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Connect to another server…</source>
        <translation>连接到其他服务器(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation>房间(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Join a room…</source>
        <translation>加入房间(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Leave this room</source>
        <translation>离开此房间(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Mute this room</source>
        <translation>将此房间静音(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Search in this room</source>
        <translation>在此房间中搜索(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Next room</source>
        <translation>下一个房间(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous room</source>
        <translation>上一个房间(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Transports</source>
        <translation>传输(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Who is here</source>
        <translation>房间成员(&amp;W)</translation>
    </message>
    <message>
        <source>Desktop &amp;notifications</source>
        <translation>桌面通知(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>外观(&amp;A)</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Longlink</source>
        <translation>关于 Longlink(&amp;A)</translation>
    </message>
    <message>
        <source>About Longlink</source>
        <translation>关于 Longlink</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Longlink %1&lt;/h3&gt;&lt;p&gt;A desktop chat client on one long-lived MQTT connection, whose transport can be replaced while it runs.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Longlink %1&lt;/h3&gt;&lt;p&gt;基于一条长连接 MQTT 的桌面聊天客户端，其传输可在运行时替换。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>No room yet</source>
        <translation>还没有房间</translation>
    </message>
    <message>
        <source>Join a room with Ctrl+J</source>
        <translation>按 Ctrl+J 加入房间</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n online</source>
        <translation>
            <numerusform>%1 / %n 在线</numerusform>
        </translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>Leave room</source>
        <translation>离开房间</translation>
    </message>
    <message>
        <source>Leave #%1? Its history stays on this computer.</source>
        <translation>离开 #%1？其历史记录仍保留在本机上。</translation>
    </message>
    <message>
        <source>Trusted &amp;certificates…</source>
        <translation>受信任的证书(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Keep running in the tray when closed</source>
        <translation>关闭窗口时在托盘中继续运行(&amp;K)</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>未修改</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>删除消息</translation>
    </message>
    <message>
        <source>Delete this message for everyone in the room? Its text is removed from this computer too.</source>
        <translation>要为房间里的所有人删除这条消息吗？它的文字也会从这台电脑上移除。</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>未删除</translation>
    </message>
    <message>
        <source>Who is typing</source>
        <translation>谁在输入</translation>
    </message>
    <message>
        <source>Go to the first &amp;unread message</source>
        <translation>转到第一条未读消息(&amp;U)</translation>
    </message>
    <message>
        <source>Rooms by recent &amp;activity</source>
        <translation>按最近活动排列房间(&amp;A)</translation>
    </message>
    <message>
        <source>@&amp;Mentions notify in muted rooms</source>
        <translation>静音房间中的 @提及(&amp;M) 也通知</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 正在输入…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 和 %2 正在输入…</translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation>好几个人正在输入…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>longlink::ui::MemberListModel</name>
    <message>
        <source>%1 (you)</source>
        <translation>%1（你）</translation>
    </message>
    <message>
        <source>%1, online</source>
        <translation>%1，在线</translation>
    </message>
    <message>
        <source>%1, offline</source>
        <translation>%1，离线</translation>
    </message>
</context>
<context>
    <name>longlink::ui::MessageDelegate</name>
    <message>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>not sent · retry</source>
        <translation>未发送 · 重试</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>not saved · sending</source>
        <translation>未保存 · 发送中</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>此消息已被删除</translation>
    </message>
    <message>
        <source>A message not in this history</source>
        <translation>不在此历史记录中的消息</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <source>New messages</source>
        <translation>新消息</translation>
    </message>
</context>
<context>
    <name>longlink::ui::MessageModel</name>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1 于 %2：%3</translation>
    </message>
    <message>
        <source>%1 at %2: deleted message</source>
        <translation>%1 于 %2：已删除的消息</translation>
    </message>
    <message>
        <source>in reply to %1: %2</source>
        <translation>回复 %1：%2</translation>
    </message>
    <message>
        <source>an earlier message</source>
        <translation>一条较早的消息</translation>
    </message>
    <message>
        <source>%1 (edited)</source>
        <translation>%1（已编辑）</translation>
    </message>
    <message>
        <source>New messages. %1</source>
        <translation>新消息。%1</translation>
    </message>
</context>
<context>
    <name>longlink::ui::MessageView</name>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>复制链接</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>复制文本</translation>
    </message>
    <message>
        <source>Retry sending</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>回复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>Jump to the newest message</source>
        <translation>跳到最新消息</translation>
    </message>
    <message>
        <source>Jump to the newest message (Ctrl+End)</source>
        <translation>跳到最新消息 (Ctrl+End)</translation>
    </message>
    <message numerus="yes">
        <source>%n new ↓</source>
        <translation>
            <numerusform>%n 条新消息 ↓</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>longlink::ui::Notifier</name>
    <message>
        <source>Show Longlink</source>
        <translation>显示 Longlink</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Longlink</source>
        <translation>Longlink</translation>
    </message>
    <message>
        <source>(%1) Longlink</source>
        <translation>(%1) Longlink</translation>
    </message>
    <message numerus="yes">
        <source>Longlink: %n unread message(s)</source>
        <translation>
            <numerusform>Longlink：%n 条未读消息</numerusform>
        </translation>
    </message>
    <message>
        <source>Longlink: nothing unread</source>
        <translation>Longlink：没有未读消息</translation>
    </message>
    <message>
        <source>%1 in #%2</source>
        <translation>%1 在 #%2</translation>
    </message>
    <message>
        <source>Longlink is still running</source>
        <translation>Longlink 仍在运行</translation>
    </message>
    <message>
        <source>New messages still arrive. Open it from here; quit from this icon&apos;s menu or with %1.</source>
        <translation>新消息仍会送达。可从这里打开；从此图标的菜单或按 %1 退出。</translation>
    </message>
</context>
<context>
    <name>longlink::ui::PasswordStore</name>
    <message>
        <source>the system keychain did not answer</source>
        <translation>系统密钥环没有响应</translation>
    </message>
</context>
<context>
    <name>longlink::ui::RoomListModel</name>
    <message>
        <source>%1, muted</source>
        <translation>%1，已静音</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n unread, muted</source>
        <translation>
            <numerusform>%1，%n 条未读，已静音</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n unread</source>
        <translation>
            <numerusform>%1，%n 条未读</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>longlink::ui::SearchBar</name>
    <message>
        <source>Search in this room</source>
        <translation>在此房间中搜索</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Older match (Enter)</source>
        <translation>更早的匹配（Enter）</translation>
    </message>
    <message>
        <source>Older match</source>
        <translation>更早的匹配</translation>
    </message>
    <message>
        <source>Newer match (Shift+Enter)</source>
        <translation>更新的匹配（Shift+Enter）</translation>
    </message>
    <message>
        <source>Newer match</source>
        <translation>更新的匹配</translation>
    </message>
    <message>
        <source>Close search (Esc)</source>
        <translation>关闭搜索（Esc）</translation>
    </message>
    <message>
        <source>Close search</source>
        <translation>关闭搜索</translation>
    </message>
    <message>
        <source>searching…</source>
        <translation>搜索中…</translation>
    </message>
    <message>
        <source>no matches</source>
        <translation>没有匹配</translation>
    </message>
    <message>
        <source>%1 of %2%3</source>
        <translation>第 %1 个，共 %2%3 个</translation>
    </message>
    <message>
        <source>&amp;All rooms</source>
        <translation>所有房间(&amp;A)</translation>
    </message>
    <message>
        <source>Search every room, not only this one</source>
        <translation>搜索所有房间，而不只是这一个</translation>
    </message>
    <message>
        <source>Search in all rooms</source>
        <translation>在所有房间中搜索</translation>
    </message>
</context>
<context>
    <name>longlink::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation>通知(&amp;N)</translation>
    </message>
    <message>
        <source>A&amp;ppearance</source>
        <translation>外观(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Transports and certificates</source>
        <translation>传输与证书(&amp;T)</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>已登录：%1</translation>
    </message>
    <message>
        <source>&amp;Log out and connect to another server…</source>
        <translation>退出并连接到其他服务器(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Forget the saved password</source>
        <translation>忘记已保存的密码(&amp;F)</translation>
    </message>
    <message>
        <source>The password is forgotten: it is asked for next time</source>
        <translation>密码已忘记：下次会再询问</translation>
    </message>
    <message>
        <source>The password is kept in the system&apos;s keychain, never in the settings file.</source>
        <translation>密码保存在系统的钥匙串中，从不写入设置文件。</translation>
    </message>
    <message>
        <source>Show a &amp;desktop notification for a new message while the window is not active</source>
        <translation>窗口不在前台时，为新消息显示桌面通知(&amp;D)</translation>
    </message>
    <message>
        <source>A message that @&amp;mentions me notifies even from a muted room</source>
        <translation>即使房间已静音，@提及(&amp;M)我的消息也通知</translation>
    </message>
    <message>
        <source>&amp;Keep running in the tray when the window is closed</source>
        <translation>关闭窗口后在托盘中继续运行(&amp;K)</translation>
    </message>
    <message>
        <source>Each room can be muted from the Room menu.</source>
        <translation>每个房间都可以在“房间”菜单中静音。</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Rooms by recent &amp;activity (else by name)</source>
        <translation>按最近活动排列房间(&amp;A)（否则按名称）</translation>
    </message>
    <message>
        <source>Show who is in the &amp;room</source>
        <translation>显示房间成员(&amp;R)</translation>
    </message>
    <message>
        <source>Open the &amp;transports panel…</source>
        <translation>打开传输面板(&amp;T)…</translation>
    </message>
    <message>
        <source>There you can choose a plugin by hand (pin it) or go back to the newest.</source>
        <translation>在那里可以手动选择插件（固定），或改回使用最新版本。</translation>
    </message>
    <message>
        <source>any plugin that passes its check</source>
        <translation>任何通过检查的插件</translation>
    </message>
    <message>
        <source>Only plugins signed by a &amp;key in:</source>
        <translation>只使用由此处密钥签名的插件(&amp;K)：</translation>
    </message>
    <message>
        <source>Folder of trusted keys</source>
        <translation>受信任密钥所在的文件夹</translation>
    </message>
    <message>
        <source>the system&apos;s certificate authorities</source>
        <translation>系统的证书颁发机构</translation>
    </message>
    <message>
        <source>Trust the &amp;CAs in:</source>
        <translation>信任此处的 CA(&amp;C)：</translation>
    </message>
    <message>
        <source>CA certificates (PEM)</source>
        <translation>CA 证书（PEM）</translation>
    </message>
    <message>
        <source>Keys and CAs are read when Longlink connects next.</source>
        <translation>密钥和 CA 在 Longlink 下次连接时读取。</translation>
    </message>
    <message>
        <source>Trusted &amp;certificates…</source>
        <translation>受信任的证书(&amp;C)…</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Browse for %1</source>
        <translation>浏览：%1</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>longlink::ui::StatusBarWidget</name>
    <message>
        <source>Connection state</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <source>Try to connect now instead of waiting</source>
        <translation>立即尝试连接，不再等待</translation>
    </message>
    <message>
        <source>Transport change</source>
        <translation>传输变更</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>Transport plugin carrying the connection (Ctrl+T for details)</source>
        <translation>承载连接的传输插件（Ctrl+T 查看详情）</translation>
    </message>
    <message>
        <source>Round-trip time</source>
        <translation>往返时间</translation>
    </message>
    <message>
        <source>Time of the last keep-alive ping to the server and back</source>
        <translation>最近一次保活 ping 到服务器的往返时间</translation>
    </message>
    <message>
        <source>the server refused: %1</source>
        <translation>服务器拒绝：%1</translation>
    </message>
    <message>
        <source>asked to retry now</source>
        <translation>已请求立即重试</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message numerus="yes">
        <source>Offline · retrying in %n s</source>
        <translation>
            <numerusform>离线 · %n 秒后重试</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Offline: %1 · retrying in %n s</source>
        <translation>
            <numerusform>离线：%1 · %n 秒后重试</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Offline: %1</source>
        <translation>离线：%1</translation>
    </message>
    <message>
        <source>no transport</source>
        <translation>无传输</translation>
    </message>
    <message>
        <source>RTT %1 ms</source>
        <translation>往返 %1 毫秒</translation>
    </message>
    <message>
        <source>RTT —</source>
        <translation>往返 —</translation>
    </message>
    <message numerus="yes">
        <source>Transport %1 %2 → %3 in %4 ms · %n message(s) affected</source>
        <translation>
            <numerusform>传输 %1 %2 → %3，用时 %4 毫秒 · 影响 %n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>The connection moved to another transport plugin; nothing to do.</source>
        <translation>连接已转移到另一个传输插件，无需任何操作。</translation>
    </message>
    <message>
        <source>%1 %2 (chosen by hand)</source>
        <translation>%1 %2（手动选择）</translation>
    </message>
    <message>
        <source>%1 %2 · %3 chosen by hand</source>
        <translation>%1 %2 · 已手动选择 %3</translation>
    </message>
    <message>
        <source>Transport plugin carrying the connection, chosen by hand: newer versions do not take over (Ctrl+T to change)</source>
        <translation>承载连接的传输插件，为手动选择：更新的版本不会接管（Ctrl+T 更改）</translation>
    </message>
    <message>
        <source>Transport %1 rejected: %2 · going back to the previous one</source>
        <translation>传输 %1 被拒绝：%2 · 正在切回之前的传输</translation>
    </message>
    <message>
        <source>The new transport plugin failed; the connection returns to the one before it.</source>
        <translation>新的传输插件出错，连接将回到之前的插件。</translation>
    </message>
    <message>
        <source>Transport %1 rejected: %2</source>
        <translation>传输 %1 被拒绝：%2</translation>
    </message>
    <message>
        <source>Transport %1 rejected: %2 · %3 carries on</source>
        <translation>传输 %1 被拒绝：%2 · 继续使用 %3</translation>
    </message>
    <message>
        <source>The new transport plugin could not take over; the connection stayed where it was.</source>
        <translation>新的传输插件无法接管，连接保持不变。</translation>
    </message>
    <message>
        <source>Back on transport %1 %2 · %3 was rejected: %4</source>
        <translation>已回到传输 %1 %2 · %3 被拒绝：%4</translation>
    </message>
    <message>
        <source>The new transport plugin failed; the connection is back on the one before it.</source>
        <translation>新的传输插件出错，连接已回到之前的插件。</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Peer: %1 port %2</source>
        <translation>对端：%1 端口 %2</translation>
    </message>
    <message>
        <source>Encryption: %1, %2</source>
        <translation>加密：%1，%2</translation>
    </message>
    <message>
        <source>Certificate SHA-256: %1</source>
        <translation>证书 SHA-256：%1</translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation>未加密</translation>
    </message>
    <message>
        <source>Received %1, sent %2</source>
        <translation>已接收 %1，已发送 %2</translation>
    </message>
    <message>
        <source>%1 · MQTT %2</source>
        <translation>%1 · MQTT %2</translation>
    </message>
    <message numerus="yes">
        <source>MQTT 5.0: the server keeps the session %n second(s) after a disconnect</source>
        <translation>
            <numerusform>MQTT 5.0：断开连接后，服务器会将会话保留 %n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>MQTT 3.1.1</source>
        <translation>MQTT 3.1.1</translation>
    </message>
    <message>
        <source>The server says: %1</source>
        <translation>服务器称：%1</translation>
    </message>
</context>
<context>
    <name>longlink::ui::TransportEventLog</name>
    <message>
        <source>discovered</source>
        <translation>已发现</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>loading</source>
        <translation>加载中</translation>
    </message>
    <message>
        <source>opening</source>
        <translation>打开中</translation>
    </message>
    <message>
        <source>resumed</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>active</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation>已回滚</translation>
    </message>
    <message>
        <source>unloaded</source>
        <translation>已卸载</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Plugin</source>
        <translation>插件</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>ignored</source>
        <translation>已忽略</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>检查中</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
</context>
<context>
    <name>longlink::ui::TransportPluginModel</name>
    <message>
        <source>active</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>available</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>quarantined</source>
        <translation>已隔离</translation>
    </message>
    <message>
        <source>Vendor: %1</source>
        <translation>提供者：%1</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Schemes</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>哈希</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>检查中</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1，位于 %2</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>longlink::ui::TransportsPanel</name>
    <message>
        <source>&amp;Use this</source>
        <translation>使用此插件(&amp;U)</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>打开文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Rescan</source>
        <translation>重新扫描(&amp;R)</translation>
    </message>
    <message>
        <source>Transports — Longlink</source>
        <translation>传输 — Longlink</translation>
    </message>
    <message>
        <source>Transports</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>&lt;b&gt;Transport plugins&lt;/b&gt;</source>
        <translation>&lt;b&gt;传输插件&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Plugin folders</source>
        <translation>插件文件夹</translation>
    </message>
    <message>
        <source>Transport plugins</source>
        <translation>传输插件</translation>
    </message>
    <message>
        <source>Use this transport</source>
        <translation>使用此传输</translation>
    </message>
    <message>
        <source>Carry the connection with the selected plugin from now on</source>
        <translation>从现在起用所选插件承载连接</translation>
    </message>
    <message>
        <source>Open the plugin&apos;s folder</source>
        <translation>打开插件所在文件夹</translation>
    </message>
    <message>
        <source>Read the plugin folders again</source>
        <translation>重新读取插件文件夹</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>&lt;b&gt;Event log&lt;/b&gt;</source>
        <translation>&lt;b&gt;事件日志&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Transport event log</source>
        <translation>传输事件日志</translation>
    </message>
    <message>
        <source>(not created yet)</source>
        <translation>（尚未创建）</translation>
    </message>
    <message>
        <source>Searched: %1</source>
        <translation>搜索位置：%1</translation>
    </message>
    <message>
        <source>%1 %2 will carry the connection.</source>
        <translation>%1 %2 将承载连接。</translation>
    </message>
    <message>
        <source>Use the &amp;newest automatically</source>
        <translation>自动使用最新版本(&amp;N)</translation>
    </message>
    <message>
        <source>Transport carrying the connection</source>
        <translation>承载连接的传输</translation>
    </message>
    <message>
        <source>Use the newest transport automatically</source>
        <translation>自动使用最新的传输</translation>
    </message>
    <message>
        <source>Forget the plugin chosen by hand: the newest usable one carries the connection, and newer ones take over as they arrive</source>
        <translation>取消手动选择的插件：由最新的可用插件承载连接，更新的插件到来时将接管</translation>
    </message>
    <message>
        <source>No transport carries the connection yet.</source>
        <translation>目前还没有传输承载连接。</translation>
    </message>
    <message>
        <source>Carrying the connection: %1 %2 (the newest usable plugin)</source>
        <translation>承载连接：%1 %2（最新的可用插件）</translation>
    </message>
    <message>
        <source>Carrying the connection: %1 %2 (chosen by hand) · newer versions do not take over</source>
        <translation>承载连接：%1 %2（手动选择）· 更新的版本不会接管</translation>
    </message>
    <message>
        <source>Carrying the connection: %1 %2 · %3 chosen by hand</source>
        <translation>承载连接：%1 %2 · 已手动选择 %3</translation>
    </message>
    <message>
        <source>The newest usable plugin will carry the connection.</source>
        <translation>将由最新的可用插件承载连接。</translation>
    </message>
    <message>
        <source>Require &amp;signatures…</source>
        <translation>要求签名(&amp;S)…</translation>
    </message>
    <message>
        <source>Do not require signatures</source>
        <translation>不要求签名</translation>
    </message>
    <message>
        <source>Plugin signatures</source>
        <translation>插件签名</translation>
    </message>
    <message>
        <source>Use only plugins signed (&lt;file&gt;.sig, Ed25519) by a public key in a folder you choose, like --trusted-keys</source>
        <translation>只使用由你所选文件夹中的公钥签名（&lt;file&gt;.sig，Ed25519）的插件，与 --trusted-keys 相同</translation>
    </message>
    <message>
        <source>Folder of trusted public keys (*.pem)</source>
        <translation>受信任公钥（*.pem）所在的文件夹</translation>
    </message>
    <message>
        <source>Signatures are not required: any plugin you and root alone can change is used.</source>
        <translation>不要求签名：只要插件仅能由你和 root 修改，就会被使用。</translation>
    </message>
    <message>
        <source>Only plugins signed by a key in %1 are used.</source>
        <translation>只使用由 %1 中的密钥签名的插件。</translation>
    </message>
    <message>
        <source>(--trusted-keys; without it, signatures are not required.)</source>
        <translation>（由 --trusted-keys 指定；不使用该选项时，不要求签名。）</translation>
    </message>
    <message>
        <source>(--trusted-keys; without it, keys in %1.)</source>
        <translation>（由 --trusted-keys 指定；不使用该选项时，使用 %1 中的密钥。）</translation>
    </message>
    <message>
        <source>From the next start, signatures are not required.</source>
        <translation>从下次启动起，不再要求签名。</translation>
    </message>
    <message>
        <source>From the next start, only plugins signed by a key in %1.</source>
        <translation>从下次启动起，只使用由 %1 中的密钥签名的插件。</translation>
    </message>
</context>
<context>
    <name>longlink::ui::TrustedCertificatesDialog</name>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Trusted certificates — Longlink</source>
        <translation>受信任的证书 — Longlink</translation>
    </message>
    <message>
        <source>Trusted certificates</source>
        <translation>受信任的证书</translation>
    </message>
    <message>
        <source>Server certificates you chose to trust although they could not be verified. Remove one to be asked again.</source>
        <translation>这些服务器证书未能通过验证，但你选择了信任它们。移除某个证书后，下次连接时会再次询问。</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Issued to</source>
        <translation>颁发给</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <source>Trusted since</source>
        <translation>信任起始时间</translation>
    </message>
    <message>
        <source>Remove the selected certificate</source>
        <translation>移除所选证书</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Runs a Longlink transport plugin through the transport contract: its metadata and symbols; open, write (large and fragmented) and close against a local test peer; the peer closing, a refused and a timed-out connection, the handover; events from inside host calls; then unloads it and looks for what it left running. Prints PASS, FAIL (with what to fix), WARN or SKIP (not applicable) for each check; exits with 0 only when none failed.</source>
        <translation>让一个 Longlink 传输插件走一遍传输契约：它的元数据和符号；对本地测试对端的打开、写入（大块和零碎）与关闭；对端关闭、被拒绝和超时的连接、交接；来自主机调用内部的事件；然后卸载它，并查找它留下仍在运行的东西。对每项检查打印 PASS、FAIL（附修改方法）、WARN 或 SKIP（不适用）；只有没有任何失败时才以 0 退出。</translation>
    </message>
    <message>
        <source>One JSON object per line, for programs.</source>
        <translation>每行一个 JSON 对象，供程序读取。</translation>
    </message>
    <message>
        <source>Idle this long after the unload (default 500).</source>
        <translation>卸载后空闲这么久（默认 500）。</translation>
    </message>
    <message>
        <source>Write the details in LANG (en or zh_CN; default en, the contract&apos;s language). The app asks for its own.</source>
        <translation>用 LANG（en 或 zh_CN；默认 en，即契约的语言）写出详情。应用会请求它自己的语言。</translation>
    </message>
    <message>
        <source>The plugin file to check.</source>
        <translation>要检查的插件文件。</translation>
    </message>
</context>
</TS>
