from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def items(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("api/items", items)]
