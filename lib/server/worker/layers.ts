import "server-only";
// Every layer that gives the task runner work, registered by importing its module (in this
// order: a pass runs the periodic jobs in registration order).
import "./compute";
import "./storage";
import "./network";
import "./orders";
import "./operations";
