# StackFixIT: a Django project's settings; the test writes the project's CORS state where the
# marker is, and pastes check's fix at the end, as its notes say.
SECRET_KEY = "stack-fix-it"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "urls"
USE_TZ = True
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
]
MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
]

# CORS
