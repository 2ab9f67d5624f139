# Run by CPack on macOS (CPACK_PRE_BUILD_SCRIPTS) once the files are staged
# and before the .dmg is made: signs Longlink.app, with the hardened runtime
# notarization asks for, by the identity in MACOS_SIGNING_IDENTITY (the
# workflow's secret). Without one the app keeps macdeployqt's ad-hoc
# signature, which runs on the machine that built it only.
if("$ENV{MACOS_SIGNING_IDENTITY}" STREQUAL "")
    message(STATUS "MACOS_SIGNING_IDENTITY not set: Longlink.app is not signed")
    return()
endif()
file(GLOB_RECURSE plists "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/Longlink.app/Contents/Info.plist")
if(NOT plists)
    message(FATAL_ERROR "no Longlink.app under ${CPACK_TEMPORARY_INSTALL_DIRECTORY}")
endif()
foreach(plist IN LISTS plists)
    cmake_path(GET plist PARENT_PATH contents)
    cmake_path(GET contents PARENT_PATH app)
    execute_process(COMMAND codesign --force --deep --options runtime --timestamp
            --sign "$ENV{MACOS_SIGNING_IDENTITY}" "${app}"
        RESULT_VARIABLE result)
    if(result)
        message(FATAL_ERROR "codesign failed on ${app}")
    endif()
endforeach()
