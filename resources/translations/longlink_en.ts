<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AccountOptions</name>
    <message>
        <source>Server URL, e.g. mqtt://host:1883 (default mqtt://127.0.0.1:1883).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Read the password from FILE.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Join ROOM; the first one is the current room (repeatable).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Also load transport plugins from DIR (repeatable).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keep the store, the client id and the settings in DIR.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>QoS of sent messages, 0 or 1 (default 1).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Topic prefix (default longlink/v1).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Give up a connection attempt after S seconds (default 10).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>MQTT keep-alive in seconds (default 30).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A dropped plugin file must stay unchanged this long (default 250).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A new transport must work this long to count as good (default 3000).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Drop (and acknowledge) incoming messages over KB kibibytes (default 1024).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--server wants a URL like mqtt://host:1883, not "%1"</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>"%1" cannot be a user name: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot read the password file %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>"%1" cannot be a room name: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--qos must be 0 or 1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--prefix must be a topic without wildcards</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--connect-timeout must be 1 to 3600 seconds</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--keep-alive must be 1 to 65535 seconds</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--settle-ms must be a number of milliseconds</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--probation-ms must be a number of milliseconds</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--max-incoming-kb must be 1 to 262144</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChatTopics</name>
    <message>
        <source>use letters, digits, '-' and '_' (no spaces, dots or other punctuation)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LoadedTransportPlugin</name>
    <message>
        <source>the plugin's root object is not a transport factory</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink</name>
    <message>
        <source>the server does not accept MQTT 3.1.1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server rejected the client id</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the MQTT service is unavailable</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>bad user name or password</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not authorised</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server does not accept this MQTT version</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server is unavailable</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server is busy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>banned by the server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server refused the connection (code %1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the file is shorter than an ELF header</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the file ends before its section table (truncated or still being written)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the file ends before its program headers (truncated or still being written)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the file ends inside a loadable segment (truncated or still being written)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unknown ELF class</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::ChatClient</name>
    <message>
        <source>cannot create the data folder %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>another Longlink (process %1) is already using %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot lock %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the network changed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no usable transport %1@%2 serves "%3"</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the message is longer than %1 characters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>"%1" cannot be a user name: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 bytes, over the limit of %2 bytes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>"%1" cannot be a room name: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server had forgotten this session: messages sent to you while you were away may be missing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not a Longlink topic</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>presence is neither "online" nor "offline"</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>invalid message: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>it claims to be from %1 in %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::HotSwapController</name>
    <message>
        <source>no usable transport plugin serves "%1" (searched %2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>handover (%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>reconnect</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>break-before-make</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>could not take over the session: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>handover</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>failed during probation: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>going back to the previous transport</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the app stopped within %1 s after %2 was unloaded (%3): it left something running, a timer or a thread; skipped since</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the app stopped while %1 was on probation (%2); skipped since</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::MqttSession</name>
    <message>
        <source>no CONNACK from the server within %1 ms</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the transport did not open within %1 ms</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the new transport did not take over within %1 ms</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>checking the connection</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>replaced by a newer transport</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the session is stopped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the new transport could not adopt the connection</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>moving to another transport failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot send CONNECT on the new transport</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>malformed packet on the new transport: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server sent %1 before CONNACK on the new transport</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the new transport closed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>malformed packet from the server: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>disconnected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server sent %1 before CONNACK</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server ended the session (reason %1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unexpected %1 from the server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a second CONNACK from the server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>stopping</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the session stopped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server sent PUBLISH before CONNACK on the new transport</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server sent PUBLISH before CONNACK</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server stopped answering (nothing, not even a PINGRESP, for %1 ms)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::TransportHost</name>
    <message>
        <source>could not load: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the plugin created no transport</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no usable transport plugin serves "%1" (searched %2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>serves %1, the server is %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 is chosen by hand; choose the newest automatically to use this one</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::TransportPluginInfo</name>
    <message>
        <source>cannot read the file: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the file is empty</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the file is writable by other users</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>its folder is writable by other users</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot make a private copy: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot make a private copy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not a Qt plugin (no plugin metadata found)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>interface "%1" is not "%2"</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>metadata has no "name"</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>metadata "version" is not a semantic version like 1.2.3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>metadata "apiVersion" is not major.minor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>built for SDK %1, this host speaks %2.%3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>metadata lists no "schemes"</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::ui::AppController</name>
    <message>
        <source>Longlink cannot start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The server refused the connection: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::ui::ChatController</name>
    <message>
        <source>swapped</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%1 → %2 in %3 ms, %n message(s) affected</source>
        <translation><numerusform>%1 → %2 in %3 ms, %n message affected</numerusform><numerusform>%1 → %2 in %3 ms, %n messages affected</numerusform></translation>
    </message>
    <message>
        <source>Messages could not be saved: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Join a room first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>asked to retry now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>asked to retry a message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>newest</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the newest usable plugin is used</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>chosen</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>chosen by hand</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::ui::Composer</name>
    <message>
        <source>Write a message… (Enter sends, Shift+Enter adds a line)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter sends the message, Shift+Enter starts a new line.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::ui::ConnectDialog</name>
    <message>
        <source>&amp;Remember the password in the system keychain</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connect to a server — Longlink</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connect to a server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Longlink talks to any MQTT broker. Enter its address and the name you chat as.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. alice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remember the password in the system keychain</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter the server's address.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>"%1" is not a server address like mqtt://host:1883.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A user name cannot contain spaces, '/', '+' or '#'.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::ui::GuiOptions</name>
    <message>
        <source>Longlink desktop chat client. Without --user it asks for a server and a name, and remembers them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Server URL, e.g. mqtt://host:1883.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>User name: connect at once, no dialog.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Read the password from FILE.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Join ROOM; the first one is shown (repeatable).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Also load transport plugins from DIR (repeatable).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keep the store, the client id and the GUI settings in DIR.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Language for this run: en or zh_CN (default: the setting, else the system's).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Colours for this run: system, light or dark.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unexpected argument "%1"</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--server wants a URL like mqtt://host:1883, not "%1"</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>"%1" cannot be a user name: use no spaces, '/', '+' or '#'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot read the password file %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>"%1" cannot be a room name: use no spaces, '/', '+' or '#'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--language must be en, zh_CN or system</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--theme must be system, light or dark</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::ui::MainWindow</name>
    <message>
        <source>Longlink</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rooms</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>+ Join a room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Join a room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Join a room (Ctrl+J)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Current room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Room members</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You are offline. What you send waits in the outbox and goes out when the connection is back.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In this room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>People in this room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Longlink</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Connect to another server…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Join a room…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Leave this room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Mute this room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Search in this room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Next room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Previous room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Transports</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Who is here</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Desktop &amp;notifications</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;About Longlink</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>About Longlink</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;h3&gt;Longlink %1&lt;/h3&gt;&lt;p&gt;A desktop chat client on one long-lived MQTT connection, whose transport can be replaced while it runs.&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No room yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Join a room with Ctrl+J</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%1 of %n online</source>
        <translation><numerusform>%1 of %n online</numerusform><numerusform>%1 of %n online</numerusform></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Room name (no spaces, '/', '+' or '#'):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot join</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Leave room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Leave #%1? Its history stays on this computer.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::ui::MemberListModel</name>
    <message>
        <source>%1 (you)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1, online</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1, offline</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::ui::MessageDelegate</name>
    <message>
        <source>sending</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>sent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not sent · retry</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::ui::MessageModel</name>
    <message>
        <source>%1 at %2: %3</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::ui::MessageView</name>
    <message>
        <source>Messages</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Copy link</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Copy text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Retry sending</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::ui::Notifier</name>
    <message>
        <source>Show Longlink</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Longlink</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(%1) Longlink</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Longlink: %n unread message(s)</source>
        <translation><numerusform>Longlink: %n unread message</numerusform><numerusform>Longlink: %n unread messages</numerusform></translation>
    </message>
    <message>
        <source>Longlink: nothing unread</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 in #%2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::ui::PasswordStore</name>
    <message>
        <source>the system keychain did not answer</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::ui::RoomListModel</name>
    <message>
        <source>%1, muted</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%1, %n unread, muted</source>
        <translation><numerusform>%1, %n unread, muted</numerusform><numerusform>%1, %n unread, muted</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1, %n unread</source>
        <translation><numerusform>%1, %n unread</numerusform><numerusform>%1, %n unread</numerusform></translation>
    </message>
</context>
<context>
    <name>longlink::ui::SearchBar</name>
    <message>
        <source>Search in this room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Older match (Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Older match</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Newer match (Shift+Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Newer match</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close search (Esc)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close search</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>searching…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no matches</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 of %2%3</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::ui::StatusBarWidget</name>
    <message>
        <source>Connection state</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Retry now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Try to connect now instead of waiting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transport change</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transport</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transport plugin carrying the connection (Ctrl+T for details)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Round-trip time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Time of the last keep-alive ping to the server and back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server refused: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>asked to retry now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Offline · retrying in %n s</source>
        <translation><numerusform>Offline · retrying in %n s</numerusform><numerusform>Offline · retrying in %n s</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Offline: %1 · retrying in %n s</source>
        <translation><numerusform>Offline: %1 · retrying in %n s</numerusform><numerusform>Offline: %1 · retrying in %n s</numerusform></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Offline: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no transport</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>RTT %1 ms</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>RTT —</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Transport %1 %2 → %3 in %4 ms · %n message(s) affected</source>
        <translation><numerusform>Transport %1 %2 → %3 in %4 ms · %n message affected</numerusform><numerusform>Transport %1 %2 → %3 in %4 ms · %n messages affected</numerusform></translation>
    </message>
    <message>
        <source>The connection moved to another transport plugin; nothing to do.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 %2 (chosen by hand)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 %2 · %3 chosen by hand</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transport plugin carrying the connection, chosen by hand: newer versions do not take over (Ctrl+T to change)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transport %1 rejected: %2 · going back to the previous one</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The new transport plugin failed; the connection returns to the one before it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transport %1 rejected: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transport %1 rejected: %2 · %3 carries on</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The new transport plugin could not take over; the connection stayed where it was.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back on transport %1 %2 · %3 was rejected: %4</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The new transport plugin failed; the connection is back on the one before it.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::ui::TransportEventLog</name>
    <message>
        <source>discovered</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>rejected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>loading</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>opening</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>resumed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>rolled back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unloaded</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Plugin</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ignored</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::ui::TransportPluginModel</name>
    <message>
        <source>active</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>available</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>rejected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>quarantined</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Vendor: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Schemes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hash</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>longlink::ui::TransportsPanel</name>
    <message>
        <source>&amp;Use this</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Rescan</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transports — Longlink</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transports</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Transport plugins&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Plugin folders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transport plugins</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Use this transport</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Carry the connection with the selected plugin from now on</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open the plugin's folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Read the plugin folders again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Event log&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transport event log</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(not created yet)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Searched: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 %2 will carry the connection.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Use the &amp;newest automatically</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transport carrying the connection</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Use the newest transport automatically</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Forget the plugin chosen by hand: the newest usable one carries the connection, and newer ones take over as they arrive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No transport carries the connection yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Carrying the connection: %1 %2 (the newest usable plugin)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Carrying the connection: %1 %2 (chosen by hand) · newer versions do not take over</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Carrying the connection: %1 %2 · %3 chosen by hand</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The newest usable plugin will carry the connection.</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>
