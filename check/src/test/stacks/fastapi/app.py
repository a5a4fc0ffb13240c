# StackFixIT: a FastAPI API; the test writes its CORS configuration where the marker is.
import sys

import uvicorn
from fastapi import FastAPI

app = FastAPI()


@app.api_route("/api/items", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def items():
    return {"ok": True}


# CORS

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
