// cpp-httplib's Server used for what it does well, parsing a request and writing its reply, while
// the edge (edge.hpp) owns the sockets: process_request is protected, so this opens it to Server.
#pragma once

#include "server/http/server.hpp"

#include <httplib.h>

namespace waypoint::http {

class Server::Core : public httplib::Server {
 public:
  using httplib::Server::process_request;
};

}  // namespace waypoint::http
