# StackFixIT: a Rails API in one file; config/initializers/cors.rb holds its CORS configuration.
require "logger"
require "rails"
require "action_controller/railtie"
require "rack/cors"
require "rack/handler/webrick"

class ItemsController < ActionController::API
  def show
    render json: { ok: true }
  end
end

class StackFixApp < Rails::Application
  config.root = __dir__
  config.eager_load = false
  config.api_only = true
  config.hosts.clear
  config.secret_key_base = "stack-fix-it" * 8
  config.logger = Logger.new($stderr, level: Logger::WARN)
  routes.append { match "/api/items", to: "items#show", via: :all }
end

StackFixApp.initialize!
Rack::Handler::WEBrick.run(StackFixApp, Host: "127.0.0.1", Port: Integer(ARGV[0]),
                           Logger: WEBrick::Log.new($stderr, WEBrick::Log::WARN), AccessLog: [])
