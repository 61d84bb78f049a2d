# Include roots that hold only what a target may include. A layer's sources reach a header as
# "server/storage/database.hpp" only if a root on their include path holds it, and the roots hold
# links to just the folders or files of that layer and those below it: an include of a layer
# above (or of storage's private SQLite wrapper from outside storage/) does not compile.
#   waypoint_include_root(<name> <path relative to the source root>...) -> ${WAYPOINT_INCLUDE_ROOT}
function(waypoint_include_root name)
  set(root "${CMAKE_BINARY_DIR}/include-roots/${name}")
  file(REMOVE_RECURSE "${root}")  # a header dropped from the list must not stay reachable
  foreach(path IN LISTS ARGN)
    get_filename_component(parent "${root}/${path}" DIRECTORY)
    file(MAKE_DIRECTORY "${parent}")
    file(CREATE_LINK "${CMAKE_SOURCE_DIR}/${path}" "${root}/${path}" SYMBOLIC)
  endforeach()
  set(WAYPOINT_INCLUDE_ROOT "${root}" PARENT_SCOPE)
endfunction()
