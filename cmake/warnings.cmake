# Our own code builds with warnings as errors; third-party sources (Dear ImGui) do not.
# GCC 12's -Wrestrict fires falsely inside libstdc++ on `"literal" + std::string` at -O2
# (GCC bug 105329), so that one check stays a warning.
function(waypoint_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-error=restrict)
  endif()
endfunction()
