# longlink_add_transport(): one Longlink transport plugin, from sources to a
# file the host loads. Part of the installed SDK (find_package(LonglinkTransportSdk))
# and used by Longlink's own build for the transports it ships, so both are
# built the same way.
#
#   longlink_add_transport(NAME <name> VERSION <x.y.z> SCHEMES <scheme>...
#       SOURCES <file>...
#       [DESCRIPTION <text>] [VENDOR <text>]
#       [HANDOVER <format>...]            e.g. socket-fd/1
#       [OPTIONS <option> <type> ...]     types: int bool string file list
#       [LIBRARIES <target>...]           e.g. Qt::Network
#       [TARGET <target>]                 default: longlink_transport_<name>
#       [OUTPUT_DIRECTORY <dir>]
#       [NO_INSTALL] [NO_DEPLOY])
#
# It writes the metadata the host reads before any plugin code runs as
# longlink_transport_metadata.json on the target's include path: declare the
# factory with
#   Q_PLUGIN_METADATA(IID LONGLINK_TRANSPORT_IID FILE "longlink_transport_metadata.json")
# "apiVersion" is the SDK's this build found, so it cannot drift from the
# header the plugin was compiled against.
#
# The module is built with hidden visibility: exported inline symbols (moc's
# metatypes among them) become GNU unique symbols, and a library with one
# can never be unloaded, so every swap would leave a copy mapped.
#
# Targets: <target>_deploy copies the plugin into the folder a running
# Longlink watches (LONGLINK_TRANSPORT_DEPLOY_DIR, by default the user's
# transports folder), written beside it and renamed into place so the host
# acts on the complete file at once; `deploy` runs every one of them.
# <target>_check runs longlink-transport-check on it, when that is found.
#
# Longlink's own build sets LONGLINK_TRANSPORT_NO_DEPLOY and passes
# CUSTOM_METADATA instead of VERSION and SCHEMES for test fixtures whose
# sources carry their own (deliberately broken) metadata.

include_guard(GLOBAL)

if(NOT DEFINED LONGLINK_TRANSPORT_INSTALL_DIR)
    include(GNUInstallDirs)
    set(LONGLINK_TRANSPORT_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/longlink/transports")
endif()

# Where QStandardPaths::AppDataLocation/transports is for Longlink
# (organization "Longlink", application "longlink") on this system.
function(_longlink_user_transport_dir out)
    if(WIN32)
        file(TO_CMAKE_PATH "$ENV{APPDATA}" base)
        set(dir "${base}/Longlink/longlink/transports")
    elseif(APPLE)
        set(dir "$ENV{HOME}/Library/Application Support/Longlink/longlink/transports")
    elseif(DEFINED ENV{XDG_DATA_HOME} AND NOT "$ENV{XDG_DATA_HOME}" STREQUAL "")
        set(dir "$ENV{XDG_DATA_HOME}/Longlink/longlink/transports")
    else()
        set(dir "$ENV{HOME}/.local/share/Longlink/longlink/transports")
    endif()
    set(${out} "${dir}" PARENT_SCOPE)
endfunction()

if(NOT LONGLINK_TRANSPORT_NO_DEPLOY AND NOT DEFINED LONGLINK_TRANSPORT_DEPLOY_DIR)
    _longlink_user_transport_dir(_longlink_default_deploy_dir)
    set(LONGLINK_TRANSPORT_DEPLOY_DIR "${_longlink_default_deploy_dir}" CACHE PATH
        "Folder the deploy target copies transport plugins into (a running Longlink watches it)")
    unset(_longlink_default_deploy_dir)
endif()

# A JSON array of strings, each of which must match `pattern`.
function(_longlink_json_array out name pattern what)
    set(array "[]")
    set(i 0)
    foreach(item IN LISTS ARGN)
        if(NOT item MATCHES "${pattern}")
            message(FATAL_ERROR "longlink_add_transport(${name}): \"${item}\" is not ${what}")
        endif()
        string(JSON array SET "${array}" ${i} "\"${item}\"")
        math(EXPR i "${i} + 1")
    endforeach()
    set(${out} "${array}" PARENT_SCOPE)
endfunction()

function(_longlink_transport_metadata out)
    cmake_parse_arguments(ARG "" "NAME;VERSION;DESCRIPTION;VENDOR" "SCHEMES;HANDOVER;OPTIONS" ${ARGN})
    if(NOT ARG_NAME MATCHES "^[a-z0-9-]+$")
        message(FATAL_ERROR "longlink_add_transport: NAME \"${ARG_NAME}\" must be lower-case letters, digits and '-'")
    endif()
    if(NOT ARG_VERSION MATCHES "^[0-9]+\\.[0-9]+\\.[0-9]+$")
        message(FATAL_ERROR "longlink_add_transport(${ARG_NAME}): VERSION \"${ARG_VERSION}\" must be a semantic version like 1.2.0")
    endif()
    if(NOT ARG_SCHEMES)
        message(FATAL_ERROR "longlink_add_transport(${ARG_NAME}): SCHEMES must name at least one URL scheme the transport serves (mqtt, mqtts, ws, ...)")
    endif()
    if(NOT LonglinkTransportSdk_API_VERSION)
        message(FATAL_ERROR "longlink_add_transport: LonglinkTransportSdk_API_VERSION is not set (find_package(LonglinkTransportSdk) sets it)")
    endif()
    set(json "{}")
    string(JSON json SET "${json}" name "\"${ARG_NAME}\"")
    string(JSON json SET "${json}" version "\"${ARG_VERSION}\"")
    string(JSON json SET "${json}" apiVersion "\"${LonglinkTransportSdk_API_VERSION}\"")
    _longlink_json_array(list "${ARG_NAME}" "^[a-z][a-z0-9+.-]*$" "a URL scheme" ${ARG_SCHEMES})
    string(JSON json SET "${json}" schemes "${list}")
    foreach(key IN ITEMS description vendor)
        string(TOUPPER "${key}" upper)
        if(DEFINED ARG_${upper})
            # A JSON string: backslashes, quotes and line breaks escaped.
            string(REPLACE "\\" "\\\\" escaped "${ARG_${upper}}")
            string(REPLACE "\"" "\\\"" escaped "${escaped}")
            string(REPLACE "\n" "\\n" escaped "${escaped}")
            string(REPLACE "\t" "\\t" escaped "${escaped}")
            string(JSON json SET "${json}" ${key} "\"${escaped}\"")
        endif()
    endforeach()
    if(ARG_HANDOVER)
        _longlink_json_array(list "${ARG_NAME}" "^[a-z0-9.-]+/[0-9]+$"
            "a handover format like socket-fd/1" ${ARG_HANDOVER})
        string(JSON json SET "${json}" handover "${list}")
    endif()
    if(ARG_OPTIONS)
        list(LENGTH ARG_OPTIONS count)
        math(EXPR odd "${count} % 2")
        if(odd)
            message(FATAL_ERROR "longlink_add_transport(${ARG_NAME}): OPTIONS takes pairs: <option> <type>")
        endif()
        set(options "{}")
        math(EXPR last "${count} - 1")
        foreach(i RANGE 0 ${last} 2)
            math(EXPR j "${i} + 1")
            list(GET ARG_OPTIONS ${i} option)
            list(GET ARG_OPTIONS ${j} type)
            if(NOT option MATCHES "^[A-Za-z][A-Za-z0-9]*$")
                message(FATAL_ERROR "longlink_add_transport(${ARG_NAME}): \"${option}\" is not an option name")
            endif()
            if(NOT type MATCHES "^(int|bool|string|file|list)$")
                message(FATAL_ERROR "longlink_add_transport(${ARG_NAME}): option ${option} has type \"${type}\"; the types are int, bool, string, file and list")
            endif()
            string(JSON options SET "${options}" "${option}" "\"${type}\"")
        endforeach()
        string(JSON json SET "${json}" options "${options}")
    endif()
    set(${out} "${json}" PARENT_SCOPE)
endfunction()

function(longlink_add_transport)
    cmake_parse_arguments(ARG "NO_INSTALL;NO_DEPLOY;CUSTOM_METADATA"
        "NAME;VERSION;DESCRIPTION;VENDOR;OUTPUT_DIRECTORY;TARGET"
        "SCHEMES;HANDOVER;OPTIONS;SOURCES;LIBRARIES" ${ARGN})
    if(ARG_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "longlink_add_transport: unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT ARG_NAME)
        message(FATAL_ERROR "longlink_add_transport: NAME is required")
    endif()
    if(NOT ARG_TARGET)
        set(ARG_TARGET "longlink_transport_${ARG_NAME}")
    endif()
    if(NOT ARG_OUTPUT_DIRECTORY)
        if(DEFINED LONGLINK_TRANSPORT_OUTPUT_DIR)
            set(ARG_OUTPUT_DIRECTORY "${LONGLINK_TRANSPORT_OUTPUT_DIR}")
        else()
            set(ARG_OUTPUT_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}")
        endif()
    endif()

    qt_add_plugin(${ARG_TARGET} SHARED)
    target_sources(${ARG_TARGET} PRIVATE ${ARG_SOURCES})
    target_link_libraries(${ARG_TARGET} PRIVATE Longlink::TransportSdk Qt::Core ${ARG_LIBRARIES})
    if(COMMAND longlink_target_defaults)
        longlink_target_defaults(${ARG_TARGET}) # Longlink's own warning flags
    endif()
    if(NOT ARG_CUSTOM_METADATA)
        set(forward NAME "${ARG_NAME}" VERSION "${ARG_VERSION}" SCHEMES ${ARG_SCHEMES}
            HANDOVER ${ARG_HANDOVER} OPTIONS ${ARG_OPTIONS})
        if(DEFINED ARG_DESCRIPTION)
            list(APPEND forward DESCRIPTION "${ARG_DESCRIPTION}")
        endif()
        if(DEFINED ARG_VENDOR)
            list(APPEND forward VENDOR "${ARG_VENDOR}")
        endif()
        _longlink_transport_metadata(json ${forward})
        set(dir "${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}_metadata")
        # Written only when it changes: moc (which embeds it) reruns then.
        file(CONFIGURE OUTPUT "${dir}/longlink_transport_metadata.json" CONTENT "${json}\n" @ONLY)
        target_include_directories(${ARG_TARGET} PRIVATE "${dir}")
        target_sources(${ARG_TARGET} PRIVATE "${dir}/longlink_transport_metadata.json")
    endif()
    set_target_properties(${ARG_TARGET} PROPERTIES
        OUTPUT_NAME "longlink-${ARG_NAME}"
        PREFIX "lib"
        LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}"
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON)

    if(LONGLINK_SIGNING_KEY)
        # The detached signature --trusted-keys asks for: 64 raw bytes
        # (Ed25519) over the file's exact bytes.
        if(NOT LONGLINK_OPENSSL_PROGRAM)
            find_program(LONGLINK_OPENSSL_PROGRAM openssl REQUIRED)
        endif()
        add_custom_command(TARGET ${ARG_TARGET} POST_BUILD
            COMMAND "${LONGLINK_OPENSSL_PROGRAM}" pkeyutl -sign -rawin
                -inkey "${LONGLINK_SIGNING_KEY}"
                -in "$<TARGET_FILE:${ARG_TARGET}>" -out "$<TARGET_FILE:${ARG_TARGET}>.sig"
            COMMENT "Signing $<TARGET_FILE_NAME:${ARG_TARGET}>"
            VERBATIM)
    endif()

    if(NOT ARG_NO_INSTALL)
        install(TARGETS ${ARG_TARGET}
            LIBRARY DESTINATION "${LONGLINK_TRANSPORT_INSTALL_DIR}" COMPONENT runtime)
    endif()

    if(NOT ARG_NO_DEPLOY AND NOT LONGLINK_TRANSPORT_NO_DEPLOY)
        set(deployed "${LONGLINK_TRANSPORT_DEPLOY_DIR}/$<TARGET_FILE_NAME:${ARG_TARGET}>")
        set(commands
            COMMAND "${CMAKE_COMMAND}" -E make_directory "${LONGLINK_TRANSPORT_DEPLOY_DIR}")
        if(LONGLINK_SIGNING_KEY)
            # The signature first: the host checks it when the library lands.
            list(APPEND commands
                COMMAND "${CMAKE_COMMAND}" -E copy "$<TARGET_FILE:${ARG_TARGET}>.sig" "${deployed}.sig.part"
                COMMAND "${CMAKE_COMMAND}" -E rename "${deployed}.sig.part" "${deployed}.sig")
        endif()
        list(APPEND commands
            COMMAND "${CMAKE_COMMAND}" -E copy "$<TARGET_FILE:${ARG_TARGET}>" "${deployed}.part"
            COMMAND "${CMAKE_COMMAND}" -E rename "${deployed}.part" "${deployed}")
        add_custom_target(${ARG_TARGET}_deploy ${commands}
            DEPENDS ${ARG_TARGET}
            COMMENT "Deploying longlink-${ARG_NAME} to ${LONGLINK_TRANSPORT_DEPLOY_DIR}"
            VERBATIM)
        if(NOT TARGET deploy)
            add_custom_target(deploy)
        endif()
        add_dependencies(deploy ${ARG_TARGET}_deploy)

        if(NOT LONGLINK_TRANSPORT_CHECK_PROGRAM)
            find_program(LONGLINK_TRANSPORT_CHECK_PROGRAM longlink-transport-check
                HINTS ${LonglinkTransportSdk_CHECK_HINTS})
        endif()
        if(LONGLINK_TRANSPORT_CHECK_PROGRAM)
            add_custom_target(${ARG_TARGET}_check
                COMMAND "${LONGLINK_TRANSPORT_CHECK_PROGRAM}" "$<TARGET_FILE:${ARG_TARGET}>"
                DEPENDS ${ARG_TARGET}
                COMMENT "Checking longlink-${ARG_NAME} against the transport contract"
                VERBATIM)
            if(NOT TARGET check)
                add_custom_target(check)
            endif()
            add_dependencies(check ${ARG_TARGET}_check)
        endif()
    endif()
endfunction()
