# The layering the linker cannot check (run as a test with cmake -P):
# - the GUI (ui/) talks to the core only through ChatClient's facade: it
#   includes none of the core's inner headers and calls none of the
#   accessors that ChatClient keeps for tests and benchmarks;
# - the core (app/core/) uses no Qt Widgets.
# Longlink::Ui links Longlink::Core publicly, so every core header is on the
# GUI's include path and the compiler would let both slip.
#
#   cmake -DSOURCE_DIR=<repo> [-DWIDGETS_INCLUDE_DIR=<.../QtWidgets>] -P check_layering.cmake
#
# Prints "file:line: what" for each violation and fails if there is any.

cmake_minimum_required(VERSION 3.21)

if(NOT SOURCE_DIR OR NOT IS_DIRECTORY "${SOURCE_DIR}/ui" OR NOT IS_DIRECTORY "${SOURCE_DIR}/app/core")
    message(FATAL_ERROR "SOURCE_DIR must name the source tree (got \"${SOURCE_DIR}\")")
endif()

# The core's inner parts: the session, the store and the plugin machinery.
set(internal_headers
    mqttsession mqttpacket mqttwire_p outgoingwindow
    chatstore storeschema
    transporthost hotswapcontroller transportlink loadedtransportplugin pluginfolderwatcher
    pluginverdictstore swappablesession
    sessionswapadapter storedpluginverdicts)
list(JOIN internal_headers "|" internal_alternatives)
set(internal_include_regex
    "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]*/)?(${internal_alternatives})\\.h[>\"]")
# ChatClient's accessors for tests and benchmarks: client->store(),
# client.session(), &ChatClient::hotSwap ...
set(accessor_regex "(->|\\.)[ \t]*(session|store|transportHost|hotSwap)[ \t]*\\(")
set(accessor_pointer_regex "ChatClient[ \t]*::[ \t]*(session|store|transportHost|hotSwap)([^A-Za-z0-9_]|$)")

# Every header Qt Widgets installs, with and without its module prefix
# (<QWidget>, <QtWidgets/QWidget>, <qwidget.h>, <QtWidgets>). Without its
# include folder only the prefixed forms can be recognised.
set(widgets_headers QtWidgets)
if(WIDGETS_INCLUDE_DIR)
    file(GLOB widgets_headers RELATIVE "${WIDGETS_INCLUDE_DIR}" "${WIDGETS_INCLUDE_DIR}/*")
    list(LENGTH widgets_headers widgets_header_count)
    if(widgets_header_count LESS 50)
        message(FATAL_ERROR "only ${widgets_header_count} headers in ${WIDGETS_INCLUDE_DIR}: not Qt Widgets' include folder")
    endif()
    list(APPEND widgets_headers QtWidgets)
else()
    message(STATUS "no WIDGETS_INCLUDE_DIR: only <QtWidgets/...> includes are recognised in the core")
endif()
set(include_regex "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"]")

set(violations "")

# Checks each line of `file` by the rules for `kind` (ui, core, core-cmake)
# and adds what it finds to `violations`.
function(scan_file file kind)
    file(READ "${file}" content)
    if(kind STREQUAL "core-cmake" AND NOT content MATCHES "Widgets")
        return() # most build files do not mention it at all
    endif()
    # One list item per line, keeping empty lines so line numbers hold.
    string(REPLACE "\\" "<bs>" content "${content}")
    string(REPLACE ";" "<semicolon>" content "${content}")
    string(REPLACE "[" "<lb>" content "${content}")
    string(REPLACE "]" "<rb>" content "${content}")
    string(REPLACE "\n" ";" lines "${content}")
    file(RELATIVE_PATH shown "${SOURCE_DIR}" "${file}")
    set(found "")
    set(number 0)
    foreach(line IN LISTS lines)
        math(EXPR number "${number} + 1")
        if(kind STREQUAL "ui")
            if(line MATCHES "${internal_include_regex}")
                list(APPEND found "${shown}:${number}: includes the core's inner header ${CMAKE_MATCH_2}.h: use ChatClient (chatclient.h, chathistory.h, storedmessage.h)")
            endif()
            if(line MATCHES "${accessor_regex}")
                list(APPEND found "${shown}:${number}: calls ${CMAKE_MATCH_1}${CMAKE_MATCH_2}(), which ChatClient keeps for tests only: use its facade")
            elseif(line MATCHES "${accessor_pointer_regex}")
                list(APPEND found "${shown}:${number}: uses ChatClient::${CMAKE_MATCH_1}, which ChatClient keeps for tests only: use its facade")
            endif()
        elseif(kind STREQUAL "core")
            if(line MATCHES "${include_regex}")
                set(header "${CMAKE_MATCH_1}")
                string(REGEX REPLACE "^QtWidgets/" "" bare "${header}")
                if(NOT bare STREQUAL header OR bare IN_LIST widgets_headers)
                    list(APPEND found "${shown}:${number}: includes the Qt Widgets header <${header}>: the core has no widgets")
                endif()
            endif()
        elseif(kind STREQUAL "core-cmake")
            if(NOT line MATCHES "^[ \t]*#" AND line MATCHES "(^|[^A-Za-z])Widgets([^A-Za-z]|$)")
                list(APPEND found "${shown}:${number}: brings Qt Widgets into the core")
            endif()
        endif()
    endforeach()
    set(violations ${violations} ${found} PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE ui_files "${SOURCE_DIR}/ui/*.h" "${SOURCE_DIR}/ui/*.cpp")
file(GLOB_RECURSE core_files "${SOURCE_DIR}/app/core/*.h" "${SOURCE_DIR}/app/core/*.cpp")
file(GLOB_RECURSE core_cmake_files "${SOURCE_DIR}/app/core/*.txt" "${SOURCE_DIR}/app/core/*.cmake")
list(LENGTH ui_files ui_count)
list(LENGTH core_files core_count)
if(ui_count EQUAL 0 OR core_count EQUAL 0)
    message(FATAL_ERROR "nothing to check: ${ui_count} files in ui/, ${core_count} in app/core/")
endif()

foreach(file IN LISTS ui_files)
    scan_file("${file}" ui)
endforeach()
foreach(file IN LISTS core_files)
    scan_file("${file}" core)
endforeach()
foreach(file IN LISTS core_cmake_files)
    scan_file("${file}" core-cmake)
endforeach()

list(LENGTH violations count)
if(count GREATER 0)
    foreach(violation IN LISTS violations)
        # Put back what was escaped to keep the lines apart.
        string(REPLACE "<semicolon>" ";" violation "${violation}")
        string(REPLACE "<lb>" "[" violation "${violation}")
        string(REPLACE "<rb>" "]" violation "${violation}")
        string(REPLACE "<bs>" "\\" violation "${violation}")
        message("${violation}")
    endforeach()
    message(FATAL_ERROR "${count} layering violation(s) (checked ${ui_count} files in ui/, ${core_count} in app/core/)")
endif()
message(STATUS "layering holds: ${ui_count} files in ui/ use only ChatClient's facade, ${core_count} in app/core/ no Qt Widgets")
