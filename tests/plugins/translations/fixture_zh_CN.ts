<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FixtureTransport</name>
    <message>
        <source>fixture refuses to open</source>
        <translation>测试插件拒绝打开</translation>
    </message>
</context>
</TS>
