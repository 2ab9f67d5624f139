# Small helpers for the patterns that repeat: compiler settings for our own
# targets, one Qt Test, one core library.

# Warnings and Qt string hygiene for every target we compile.
function(longlink_target_defaults target)
    target_compile_options(${target} PRIVATE
        $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic>
        $<$<AND:$<BOOL:${LONGLINK_WERROR}>,$<CXX_COMPILER_ID:GNU,Clang>>:-Werror>)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_CAST_TO_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_USE_QSTRINGBUILDER)
endfunction()

# longlink_add_transport() is the SDK's own (transports/sdk/cmake), so the
# transports we ship are built exactly as a plugin author's are.

# longlink_add_test(NAME <tst_name> SOURCES <files...> [LIBRARIES <libs...>] [LABELS <labels...>] [TIMEOUT <s>])
function(longlink_add_test)
    cmake_parse_arguments(ARG "" "NAME;TIMEOUT" "SOURCES;LIBRARIES;LABELS" ${ARGN})
    qt_add_executable(${ARG_NAME} ${ARG_SOURCES})
    target_link_libraries(${ARG_NAME} PRIVATE Qt::Test ${ARG_LIBRARIES})
    longlink_target_defaults(${ARG_NAME})
    set_target_properties(${ARG_NAME} PROPERTIES
        RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/tests/bin")
    add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${ARG_NAME} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LONGLINK_LOG=warning")
endfunction()

# longlink_add_core_library(NAME <layer> SOURCES <files...> LIBRARIES <libs...>)
# One layer of the core as a static library `longlink_<layer>` with the alias
# `Longlink::<Layer>`. Its folder is its public include path; LIBRARIES are
# the layers (and Qt modules) below it, so a layer that includes a header of
# one it does not list fails to build. Its sources are recorded for the
# translation scan.
function(longlink_add_core_library)
    cmake_parse_arguments(ARG "" "NAME" "SOURCES;LIBRARIES" ${ARGN})
    set(target "longlink_${ARG_NAME}")
    qt_add_library(${target} STATIC ${ARG_SOURCES})
    string(SUBSTRING "${ARG_NAME}" 0 1 first)
    string(SUBSTRING "${ARG_NAME}" 1 -1 rest)
    string(TOUPPER "${first}" first)
    add_library(Longlink::${first}${rest} ALIAS ${target})
    target_include_directories(${target} PUBLIC "${CMAKE_CURRENT_SOURCE_DIR}")
    target_link_libraries(${target} PUBLIC ${ARG_LIBRARIES})
    longlink_target_defaults(${target})
    set(sources "")
    foreach(source IN LISTS ARG_SOURCES)
        list(APPEND sources "${CMAKE_CURRENT_SOURCE_DIR}/${source}")
    endforeach()
    set_property(GLOBAL APPEND PROPERTY LONGLINK_TRANSLATABLE_SOURCES ${sources})
endfunction()
