/**
 * GET /phan-anh/vi-tri.js: the one script of the citizen's pages, and an optional one. Where the
 * browser has a location service it shows the form's map-point block; the citizen's button asks the
 * device for its position (the browser asks their permission), fills the two hidden fields and says
 * what was recorded, with a link to check it on a map; "remove" empties them. Its words come from the
 * block's data attributes, so the page's language is the script's. Where the province has loaded its communes' boundaries, the commune at that point is chosen
 * in the form's list. ES5, no library, under 3 KB.
 */
export const LOCATE_SCRIPT = `(function () {
  var box = document.getElementById('locate');
  if (!box || !navigator.geolocation) return;
  var lat = document.getElementById('lat');
  var lng = document.getElementById('lng');
  var status = document.getElementById('locate-status');
  var take = document.getElementById('locate-button');
  var clear = document.getElementById('locate-clear');
  var words = take.dataset;
  box.hidden = false;
  function degrees(value) {
    var text = value.toFixed(5);
    return words.comma === 'true' ? text.replace('.', ',') : text;
  }
  function say(text, mapUrl) {
    status.textContent = text;
    if (mapUrl) {
      var link = document.createElement('a');
      link.href = mapUrl;
      link.target = '_blank';
      link.rel = 'noopener';
      link.textContent = words.map;
      status.appendChild(document.createTextNode(' '));
      status.appendChild(link);
    }
  }
  // The commune at that point, where the province has loaded its communes' boundaries: chosen for them.
  function findCommune(la, lo) {
    var select = document.getElementById('communeCode');
    var request = new XMLHttpRequest();
    request.open('GET', '/api/public/feedback/commune-at?lat=' + la + '&lng=' + lo);
    request.onload = function () {
      if (request.status !== 200 || !select) return;
      var commune = JSON.parse(request.responseText);
      select.value = commune.code;
      if (select.value === commune.code)
        status.insertBefore(document.createTextNode(words.commune.replace('%name', commune.name) + ' '), status.firstChild);
    };
    request.send();
  }
  take.addEventListener('click', function () {
    take.disabled = true;
    say(words.busy);
    navigator.geolocation.getCurrentPosition(
      function (position) {
        var la = position.coords.latitude;
        var lo = position.coords.longitude;
        lat.value = la.toFixed(5);
        lng.value = lo.toFixed(5);
        say(
          words.done.replace('%lat', degrees(la)).replace('%lng', degrees(lo)).replace('%m', String(Math.round(position.coords.accuracy))),
          'https://www.openstreetmap.org/?mlat=' + lat.value + '&mlon=' + lng.value + '#map=17/' + lat.value + '/' + lng.value
        );
        clear.hidden = false;
        take.disabled = false;
        findCommune(la, lo);
      },
      function (error) {
        say(error.code === 1 ? words.denied : words.failed);
        take.disabled = false;
      },
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 }
    );
  });
  clear.addEventListener('click', function () {
    lat.value = '';
    lng.value = '';
    say('');
    clear.hidden = true;
    take.focus();
  });
})();
`;
