# StackFixIT: a Flask API; the test writes its CORS configuration where the marker is.
import sys

from flask import Flask

app = Flask(__name__)

# CORS


@app.route("/api/items", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def items():
    return {"ok": True}


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]))
